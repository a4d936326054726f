/**
 * Enveloped readers (document-readers.md §2): STX/ETX, Access-IS (FS STX … ETX GS), Desko CUTE
 * (SOD STX … ETX EOD) and JSON inside STX/ETX.
 */
import { endingBytes, SERIAL_9600_8N1, single, type EncodeOptions, type ReaderProfile } from './reader-profile.js';

function enveloped(name: ReaderProfile['name'], head: number[], tail: number[], opts: { finalCr: boolean }): ReaderProfile {
  const wrap = (body: string): Buffer => Buffer.concat([Buffer.from(head), Buffer.from(body, 'latin1'), Buffer.from(tail)]);
  return {
    name,
    serial: SERIAL_9600_8N1,
    lineEnding: 'cr',
    encode(lines, o: EncodeOptions = {}) {
      const sep = endingBytes(o.lineEnding ?? 'cr');
      return single(wrap(lines.map((l) => l + (opts.finalCr ? sep : '')).join(opts.finalCr ? '' : sep)));
    },
    emptyBlock: () => single(wrap('')),
  };
}

/** `02 L1 0D L2 03 0D 0A`. */
export const stxEtx: ReaderProfile = enveloped('stx-etx', [0x02], [0x03, 0x0d, 0x0a], { finalCr: false });

/** Access-IS OCR31x: `1C 02 L1 0D L2 0D 03 1D`, every line CR-terminated. */
export const accessIs: ReaderProfile = enveloped('access-is', [0x1c, 0x02], [0x03, 0x1d], { finalCr: true });

/** Desko CUTE default delimiters (per-device configuration on real readers). */
export const DESKO_SOD = 0x12;
export const DESKO_EOD = 0x14;
/** The character Desko readers put in place of an unreadable one (configurable on real readers). */
export const DESKO_SUBSTITUTE = '?';

/** Desko: `SOD 02 L1 0D L2 0D 03 EOD`; no CR for an absent third line. */
export const desko: ReaderProfile = enveloped('desko', [DESKO_SOD, 0x02], [0x03, DESKO_EOD], { finalCr: true });

/** JSON inside STX/ETX (`02 {json} 03 0D 0A`), 256000 8O1, with `readStart`/`readEnd` status messages. */
export const jsonStx: ReaderProfile = {
  name: 'json-stx',
  serial: { baudRate: 256000, dataBits: 8, parity: 'odd', stopBits: 1 },
  lineEnding: 'lf',
  encode(lines) {
    const msg = (o: object): Buffer => Buffer.concat([Buffer.from([0x02]), Buffer.from(JSON.stringify(o), 'latin1'), Buffer.from([0x03, 0x0d, 0x0a])]);
    return single(Buffer.concat([msg({ type: 'status', status: 'readStart' }), msg({ type: 'mrz', mrz: lines.join('\n') }), msg({ type: 'status', status: 'readEnd' })]));
  },
  emptyBlock: () => single(Buffer.concat([Buffer.from([0x02]), Buffer.from(JSON.stringify({ type: 'mrz', mrz: '' })), Buffer.from([0x03, 0x0d, 0x0a])])),
};
