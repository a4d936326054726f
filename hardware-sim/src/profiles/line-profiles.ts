/** Envelope-less readers: plain lines with CR, LF or CR LF, and row-by-row engines (document-readers.md §2). */
import { endingBytes, SERIAL_9600_8N1, single, type EncodeOptions, type EncodedFrame, type ReaderProfile } from './reader-profile.js';

function plain(name: 'plain-cr' | 'plain-lf' | 'plain-crlf', ending: 'cr' | 'lf' | 'crlf'): ReaderProfile {
  return {
    name,
    serial: SERIAL_9600_8N1,
    lineEnding: ending,
    encode(lines, opts: EncodeOptions = {}): EncodedFrame {
      const sep = endingBytes(opts.lineEnding ?? ending);
      const text = lines.join(sep) + (opts.finalTerminator === false ? '' : sep);
      return single(Buffer.from(text, 'latin1'));
    },
    // A plain reader signals a failed read by sending nothing but a terminator.
    emptyBlock: () => single(Buffer.from(endingBytes(ending), 'latin1')),
  };
}

export const plainCr = plain('plain-cr', 'cr');
export const plainLf = plain('plain-lf', 'lf');
export const plainCrlf = plain('plain-crlf', 'crlf');

/** Row-by-row OCR engine: each line is its own burst, `lineGapMs` apart. */
export const lineByLine: ReaderProfile = {
  name: 'line-by-line',
  serial: SERIAL_9600_8N1,
  lineEnding: 'cr',
  encode(lines, opts: EncodeOptions = {}): EncodedFrame {
    const sep = endingBytes(opts.lineEnding ?? 'cr');
    return {
      segments: lines.map((l, i) => ({ bytes: Buffer.from(l + sep, 'latin1'), gapBeforeMs: i === 0 ? 0 : (opts.lineGapMs ?? 60) })),
    };
  },
  emptyBlock: () => single(Buffer.from('\r', 'latin1')),
};
