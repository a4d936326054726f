/**
 * Elyctis ID BOX One (document-readers.md §2): binary command/response with a 2-byte big-endian length.
 * Host `49 00 00` (Inquire) → `49 LH LL <MRZ, lines CR-separated>`; `4C 00 00` (Inquire one line) →
 * `4C LH LL <MRZ without separators>`; `43 00 01 01|00` switches continuous reading on/off (acknowledged
 * with the same bytes). In continuous mode a newly inserted document's MRZ is sent unsolicited as an
 * Inquire answer and the mode switches itself off: the host must re-arm after every read. The same
 * document is never sent twice. Insert and removal send a card-state message `53 00 01 01|00`.
 */
import { SERIAL_9600_8N1, single, type EncodedFrame, type ReaderProfile, type ReaderResponder } from './reader-profile.js';

export function elyctisMessage(cmd: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([cmd, (payload.length >> 8) & 0xff, payload.length & 0xff]), payload]);
}

const cardState = (inserted: boolean): EncodedFrame => single(elyctisMessage(0x53, Buffer.from([inserted ? 1 : 0])));

class ElyctisResponder implements ReaderResponder {
  private continuous = false;
  private lines: string[] | null = null;
  /** The encoded answer for the present document, until it has been sent once. */
  private unsent: EncodedFrame | null = null;
  private pending = Buffer.alloc(0);

  present(lines: string[], frame: EncodedFrame): EncodedFrame[] {
    const out: EncodedFrame[] = [];
    if (this.lines !== null) out.push(cardState(false));
    out.push(cardState(true));
    this.lines = lines;
    this.unsent = frame;
    if (this.continuous) out.push(...this.sendUnsent());
    return out;
  }

  onHostBytes(bytes: Buffer): EncodedFrame[] {
    this.pending = Buffer.concat([this.pending, bytes]);
    const out: EncodedFrame[] = [];
    while (this.pending.length >= 3) {
      const len = ((this.pending[1] ?? 0) << 8) | (this.pending[2] ?? 0);
      if (this.pending.length < 3 + len) break;
      const cmd = this.pending[0];
      const payload = this.pending.subarray(3, 3 + len);
      this.pending = this.pending.subarray(3 + len);
      out.push(...this.command(cmd ?? 0, payload));
    }
    return out;
  }

  reset(): void {
    this.continuous = false;
    this.lines = null;
    this.unsent = null;
    this.pending = Buffer.alloc(0);
  }

  private command(cmd: number, payload: Buffer): EncodedFrame[] {
    if (cmd === 0x43) {
      this.continuous = payload[0] === 1;
      // A document inserted while the mode was off and never read counts as newly inserted once re-armed.
      return [single(elyctisMessage(0x43, Buffer.from([this.continuous ? 1 : 0]))), ...(this.continuous ? this.sendUnsent() : [])];
    }
    if (cmd === 0x49) return [single(elyctisMessage(0x49, Buffer.from(this.lines?.join('\r') ?? '', 'latin1')))];
    if (cmd === 0x4c) return [single(elyctisMessage(0x4c, Buffer.from(this.lines?.join('') ?? '', 'latin1')))];
    return [];
  }

  private sendUnsent(): EncodedFrame[] {
    if (this.unsent === null) return [];
    const f = this.unsent;
    this.unsent = null;
    this.continuous = false;
    return [f];
  }
}

export const elyctis: ReaderProfile = {
  name: 'elyctis',
  serial: SERIAL_9600_8N1,
  lineEnding: 'cr',
  encode: (lines) => single(elyctisMessage(0x49, Buffer.from(lines.join('\r'), 'latin1'))),
  emptyBlock: () => single(elyctisMessage(0x49, Buffer.alloc(0))),
  createResponder: () => new ElyctisResponder(),
};
