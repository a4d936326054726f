/**
 * Document number and its check digit, including the TD1/TD2 long-number mechanism (ICAO 9303-5
 * §4.2.4 note j, 9303-6 note j; icao-9303.md §5): `<` in the check-digit slot, the rest of the number
 * at the start of the optional data, then the check digit of the whole number, then `<`.
 */
import type { MrzSpan } from './mrz-layouts.js';
import type { ParseContext } from './parse-context.js';
import { checkDigitOver, verifyCheckDigit } from './verify-check-digit.js';

export interface DocumentNumberRead {
  number: string;
  overflow: boolean;
  /** Column where the optional data proper starts (after a continuation, its check digit and `<`). */
  optionalStart: number;
}

export function readDocumentNumber(ctx: ParseContext): DocumentNumberRead {
  const { layout, lines } = ctx;
  const span = layout.documentNumber;
  const slot = layout.documentNumberCheck;
  const line = lines[span.line]!;
  if (layout.overflow && line.charCodeAt(slot.start) === 60) return readLongNumber(ctx);
  let end = span.end;
  while (end > span.start && line.charCodeAt(end - 1) === 60) end--;
  const number = line.slice(span.start, end);
  if (end === span.start) ctx.error('DOCUMENT_NUMBER_EMPTY', 'documentNumber', 'document number is empty (all fillers)', span);
  if (ctx.clean(span)) verifyCheckDigit(ctx, 'documentNumber', 'document number', layout.covers.documentNumber, slot, false);
  return { number, overflow: false, optionalStart: layout.optionalData.start };
}

function readLongNumber(ctx: ParseContext): DocumentNumberRead {
  const { layout, lines } = ctx;
  const span = layout.documentNumber;
  const slot = layout.documentNumberCheck;
  const opt = layout.optionalData;
  const line = lines[span.line]!;
  const optLine = lines[opt.line]!;
  const principal = line.slice(span.start, span.end);
  let k = opt.start;
  while (k < opt.end && optLine.charCodeAt(k) !== 60) k++;
  const run = k - opt.start;
  if (principal.includes('<')) return malformed(ctx, principal, k, 'the 9 principal characters contain fillers', span);
  if (run === 0) return malformed(ctx, principal, k, 'the optional data starts with < (no continuation, no check digit)', { line: opt.line, start: opt.start, end: opt.start + 1 });
  if (k === opt.end) return malformed(ctx, principal, k, 'the continuation runs to the end of the optional data without a terminating <', { line: opt.line, start: opt.start, end: opt.end });
  if (run < 2) return malformed(ctx, principal, k, 'the continuation is missing (only one character before the terminating <)', { line: opt.line, start: opt.start, end: k });
  const cdSpan: MrzSpan = { line: opt.line, start: k - 1, end: k };
  const contSpan: MrzSpan = { line: opt.line, start: opt.start, end: k - 1 };
  const number = principal + optLine.slice(opt.start, k - 1);
  const result = { number, overflow: true, optionalStart: k + 1 };
  if (!ctx.clean(span) || !ctx.clean(contSpan) || !ctx.clean(cdSpan)) return result;
  const c = optLine.charCodeAt(k - 1);
  if (c < 48 || c > 57) {
    // The character before the terminating '<' must be the whole number's check digit.
    verifyCheckDigit(ctx, 'documentNumber', 'long document number', [span, contSpan], cdSpan, false);
    return result;
  }
  const icao = checkDigitOver(lines, [span, contSpan]);
  if (c - 48 === icao) return result;
  // Older TD1 cards computed the digit with the slot's '<' included (icao-9303.md §5); a policy deviation.
  if (layout.format === 'TD1' && c - 48 === checkDigitOver(lines, [span, slot, contSpan])) {
    ctx.deviation(
      ctx.policy.allowLegacyLongNumberCheckDigit,
      'LONG_NUMBER_LEGACY_CHECK_DIGIT',
      'documentNumber',
      `long document number check digit ${c - 48} is the legacy variant (computed with the < of position 15 included); ICAO 9303-5 note j gives ${icao}`,
      cdSpan,
    );
    return result;
  }
  verifyCheckDigit(ctx, 'documentNumber', 'long document number', [span, contSpan], cdSpan, false);
  return result;
}

/**
 * A module-level function rather than a closure inside `readLongNumber`: under tsx (esbuild with
 * `keepNames`) every closure creation also calls `__name`, a `defineProperty`, on each long number.
 * `k` is the column of the first `<` in the optional data.
 */
function malformed(ctx: ParseContext, principal: string, k: number, why: string, at: MrzSpan): DocumentNumberRead {
  const { layout, lines } = ctx;
  const opt = layout.optionalData;
  const where = layout.format === 'TD1' ? 'line 1 position 15' : 'line 2 position 10';
  ctx.error('LONG_NUMBER_MALFORMED', 'documentNumber', `'<' at ${where} announces a long document number, but ${why} (ICAO 9303-${layout.format === 'TD1' ? '5' : '6'} note j)`, at);
  const cont = k - opt.start >= 2 ? lines[opt.line]!.slice(opt.start, k - 1) : '';
  return { number: trimFillers(principal) + cont, overflow: true, optionalStart: opt.start };
}

function trimFillers(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 60) end--;
  return text.slice(0, end);
}
