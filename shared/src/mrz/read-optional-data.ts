/**
 * Optional data fields: any MRZ character. TD3 positions 29–42 (personal number) carry their own check
 * digit in 43, which may be `<` or `0` when the field is empty (ICAO 9303-4 §4.2.2 note; icao-9303.md §4).
 */
import type { MrzSpan } from './mrz-layouts.js';
import type { ParseContext } from './parse-context.js';
import { verifyCheckDigit } from './verify-check-digit.js';

/** Field text from `from` to the span's end, trailing fillers dropped. */
export function trimmedField(ctx: ParseContext, span: MrzSpan, from: number): string {
  const line = ctx.lines[span.line]!;
  let end = span.end;
  while (end > from && line.charCodeAt(end - 1) === 60) end--;
  return end > from ? line.slice(from, end) : '';
}

export function readOptionalData(ctx: ParseContext, from: number): string {
  const { layout } = ctx;
  const span = layout.optionalData;
  const value = trimmedField(ctx, span, from);
  const slot = layout.optionalDataCheck;
  if (slot !== null && ctx.clean(span) && ctx.clean(slot)) {
    const c = ctx.code(slot.line, slot.start);
    if (value.length > 0 || (c !== 60 && c !== 48)) {
      verifyCheckDigit(ctx, 'optionalData', 'personal number', layout.covers.optionalData, slot, false);
    }
  }
  return value;
}
