/**
 * 3M → Gemalto → Thales RTE6701-OEM swipe engine (document-readers.md §2):
 * `01 LEN 4F 55 02 FLAG` + data + `03 BCC`. The data is always three CR-terminated lines, bottom-aligned
 * (`0D L1 0D L2 0D` for a two-line document), each padded with `_` to 30 (three-line documents) or 44
 * (two-line documents, so TD2 lines get 8 `_`).
 */
import { single, SERIAL_9600_8N1, type EncodedFrame, type ReaderProfile } from './reader-profile.js';

/** Flag byte; `03` by default so that a driver scanning the header for ETX is caught out (§2 note). */
export const RTE_FLAG = 0x03;

/** XOR of `bytes` — the simulator's default BCC over LEN … ETX. */
export function xorBcc(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

function block(data: string, opts: { bcc?: (b: Uint8Array) => number } = {}): EncodedFrame {
  const body = Buffer.from(data, 'latin1');
  const len = body.length & 0xff;
  const checked = Buffer.concat([Buffer.from([len, 0x4f, 0x55, 0x02, RTE_FLAG]), body, Buffer.from([0x03])]);
  const bcc = (opts.bcc ?? xorBcc)(checked);
  return single(Buffer.concat([Buffer.from([0x01]), checked, Buffer.from([bcc])]));
}

export const rte: ReaderProfile = {
  name: '3m-rte',
  serial: SERIAL_9600_8N1,
  lineEnding: 'cr',
  encode(lines) {
    const width = lines.length >= 3 ? 30 : 44;
    const padded = lines.slice(0, 3).map((l) => (l.length >= width ? l.slice(0, width) : l + '_'.repeat(width - l.length)));
    const rows = [...Array<string>(3 - padded.length).fill(''), ...padded];
    return block(rows.map((r) => r + '\r').join(''));
  },
  emptyBlock: () => block('\r\r\r'),
};
