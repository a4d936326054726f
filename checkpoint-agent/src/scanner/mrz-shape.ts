/**
 * MRZ shape (ICAO 9303-3 §4.2 and parts 4–7): 3 × 30 (TD1), 2 × 36 (TD2, MRV-B, PU) or 2 × 44 (TD3,
 * MRV-A). The driver completes and sorts frames by shape only; check digits are the validator's job.
 */
export type MrzShape = '3x30' | '2x36' | '2x44';

const SHAPES: Record<number, { shape: MrzShape; lines: number }> = {
  30: { shape: '3x30', lines: 3 },
  36: { shape: '2x36', lines: 2 },
  44: { shape: '2x44', lines: 2 },
};

/** The MRZ character set `[A-Z0-9<]` (ICAO 9303-3 §4.1). */
export function isMrzByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x3c;
}

/** Line count expected for an MRZ whose lines are `length` characters long, or `null`. */
export function shapeForLineLength(length: number): { shape: MrzShape; lines: number } | null {
  return SHAPES[length] ?? null;
}

/** The shape formed by exactly these lines, or `null`. */
export function mrzShapeOf(lines: readonly string[]): MrzShape | null {
  const first = lines[0];
  if (first === undefined) return null;
  const s = shapeForLineLength(first.length);
  if (s === null || lines.length !== s.lines) return null;
  return lines.every((l) => l.length === first.length) ? s.shape : null;
}

/**
 * Whether lines could be an MRZ read at all (possibly a bad one): 2–3 lines of 7–44 printable ASCII
 * characters (Desko sends variable-length lines of 7–44), at least 90 % of them MRZ characters so that a
 * few substitute characters or misreads still reach the validator, while line noise does not.
 */
export function looksLikeMrz(lines: readonly string[]): boolean {
  if (lines.length < 2 || lines.length > 3) return false;
  let total = 0;
  let mrz = 0;
  for (const line of lines) {
    if (line.length < 7 || line.length > 44) return false;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) return false;
      total++;
      if (isMrzByte(c)) mrz++;
    }
  }
  return mrz >= total * 0.9;
}

/** Splits text on CR LF, CR or LF, trims `_` and space padding, drops empty lines (document-readers.md §5). */
export function splitMrzLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/^[_ ]+|[_ ]+$/g, ''))
    .filter((l) => l.length > 0);
}

/** Splits one unseparated MRZ string (Elyctis "one line" answer) by its total length; `null` if no shape fits. */
export function splitByShape(text: string): string[] | null {
  for (const [len, s] of Object.entries(SHAPES)) {
    const n = Number(len);
    if (text.length === n * s.lines) return Array.from({ length: s.lines }, (_, i) => text.slice(i * n, (i + 1) * n));
  }
  return null;
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) n++;
  return n;
}

/**
 * Whether a line has the date/sex structure of the line that carries them: birth date at 13–18, sex at 20
 * and expiry at 21–26 in two-line formats (ICAO 9303-4/6/7); birth date at 0–5, sex at 7 and expiry at
 * 8–13 in TD1 (9303-5). Loose on purpose (4 digits over both dates) so an OCR misread still counts, since
 * the validator must see it; both dates count because a birth date may be all fillers (unknown, ICAO
 * 9303-3 §4.8) and an expiry may be too (a policy deviation). A name line has no digits, so it never passes.
 */
function looksLikeDataLine(line: string, shape: MrzShape): boolean {
  const [birth, sexAt, expiry] = shape === '3x30' ? [line.slice(0, 6), 7, line.slice(8, 14)] : [line.slice(13, 19), 20, line.slice(21, 27)];
  return digitCount(birth) + digitCount(expiry) >= 4 && 'MFX<'.includes(line[sexAt] ?? '?');
}

/**
 * In line mode nothing marks where a document starts, so a lone line left by a bad read could pair up
 * with the first line of the next document. A shape is accepted only in the right order: the second line
 * carries the dates and sex, the first does not.
 */
export function plausibleLineOrder(lines: readonly string[]): boolean {
  const shape = mrzShapeOf(lines);
  if (shape === null) return false;
  return !looksLikeDataLine(lines[0] ?? '', shape) && looksLikeDataLine(lines[1] ?? '', shape);
}
