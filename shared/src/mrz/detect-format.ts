/**
 * Picks the layout from the shape (icao-9303.md §2.1): line count and length select the size, the
 * first character the format within a size. A size whose first character fits no format still gets
 * that size's default layout (TD1, TD2, TD3), so the officer sees the fields; the document-code check
 * then rejects it. Mixed lengths or other sizes match nothing.
 */
import { MRVA_LAYOUT, MRVB_LAYOUT, TD1_LAYOUT, TD2_LAYOUT, TD3_LAYOUT, type MrzLayout } from './mrz-layouts.js';

const V = 86;

export function detectLayout(lines: readonly string[]): MrzLayout | null {
  const n = lines.length;
  if (n !== 2 && n !== 3) return null;
  const width = lines[0]!.length;
  for (let i = 1; i < n; i++) if (lines[i]!.length !== width) return null;
  const first = lines[0]!.charCodeAt(0);
  if (n === 3) return width === 30 ? TD1_LAYOUT : null;
  if (width === 44) return first === V ? MRVA_LAYOUT : TD3_LAYOUT;
  if (width === 36) return first === V ? MRVB_LAYOUT : TD2_LAYOUT;
  return null;
}
