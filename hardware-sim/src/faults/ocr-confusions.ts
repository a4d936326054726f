/**
 * OCR confusion classes (icao-9303.md §11). Same-class pairs have equal check-digit values, so the
 * misread passes every check digit; cross-class pairs change the value and a check digit catches them
 * (or the charset of a numeric field does).
 */
export const UNDETECTED_CONFUSIONS: Readonly<Record<string, string>> = { G: '6', '6': 'G', S: '8', '8': 'S', K: '<', '<': 'K', Q: '6' };
export const DETECTED_CONFUSIONS: Readonly<Record<string, string>> = { O: '0', '0': 'O', I: '1', '1': 'I', B: '8', Z: '2', '2': 'Z', D: '0', '5': 'S' };

/** Character ranges [line, start, end) that carry no check digit but are alphanumeric: name field and document number. */
export function undetectablePositions(lines: readonly string[]): { line: number; pos: number }[] {
  const out: { line: number; pos: number }[] = [];
  const add = (line: number, from: number, to: number): void => {
    const text = lines[line] ?? '';
    for (let p = from; p < Math.min(to, text.length); p++) if ((text[p] ?? '') in UNDETECTED_CONFUSIONS) out.push({ line, pos: p });
  };
  if (lines.length === 3) {
    add(0, 5, 14); // TD1 document number (ICAO 9303-5 §4.2.2)
    add(2, 0, 30); // TD1 name
  } else {
    add(0, 5, (lines[0] ?? '').length); // name field (parts 4, 6, 7)
    add(1, 0, 9); // document number
  }
  return out;
}

/** Positions whose character has a cross-class confusion, anywhere in the MRZ. */
export function detectablePositions(lines: readonly string[], checked: (line: number, pos: number) => boolean): { line: number; pos: number }[] {
  const out: { line: number; pos: number }[] = [];
  lines.forEach((text, line) => {
    for (let p = 0; p < text.length; p++) if ((text[p] ?? '') in DETECTED_CONFUSIONS && checked(line, p)) out.push({ line, pos: p });
  });
  return out;
}

/** Whether a position is covered by a check digit (document number, dates, optional data of TD3 line 2). */
export function coveredByCheckDigit(lines: readonly string[], line: number, pos: number): boolean {
  if (lines.length === 3) {
    if (line === 0) return pos >= 5 && pos < 15;
    if (line === 1) return (pos >= 0 && pos < 7) || (pos >= 8 && pos < 15);
    return false;
  }
  if (line !== 1) return false;
  return (pos >= 0 && pos < 10) || (pos >= 13 && pos < 20) || (pos >= 21 && pos < 28);
}
