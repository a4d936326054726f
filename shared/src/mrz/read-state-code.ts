/**
 * Issuing State and nationality (ICAO 9303-3 §5; icao-9303.md §9): 1–3 letters, left-aligned,
 * `<`-padded, from ISO 3166-1 alpha-3 or ICAO's own list. `UTO` marks a specimen; `XXK` is a policy
 * deviation; `XXA`/`XXB`/`XXC`/`XXX` are nationalities only; `IAO` is never valid in an MRZ.
 */
import type { MrzFieldName } from './mrz-issue.js';
import type { MrzSpan } from './mrz-layouts.js';
import type { ParseContext } from './parse-context.js';
import { STATE_ISSUER, STATE_NATIONALITY, STATE_SPECIMEN, STATE_XXK, stateCodeFlags } from './state-code-table.js';

/**
 * Returns the letters without fillers (`D`, `UTO`), or the raw characters without trailing `<` when
 * invalid. A valid `UTO` is recorded in `ctx.specimenField` (a string, not a `{ code, specimen }`
 * object: two fewer allocations per parse).
 */
export function readStateCode(ctx: ParseContext, span: MrzSpan, field: 'issuingState' | 'nationality'): string {
  const line = ctx.lines[span.line]!;
  let end = span.end;
  while (end > span.start && line.charCodeAt(end - 1) === 60) end--;
  const code = line.slice(span.start, end);
  if (!ctx.clean(span)) return code;
  const label = field === 'issuingState' ? 'issuing State' : 'nationality';
  for (let i = span.start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c < 65 || c > 90) {
      ctx.error('STATE_CODE_SYNTAX', field, `${label} '${line.slice(span.start, span.end)}' must be 1–3 letters, left-aligned and padded with < (ICAO 9303-3 §5)`, span);
      return code;
    }
  }
  if (end === span.start) {
    ctx.error('STATE_CODE_SYNTAX', field, `${label} is empty (ICAO 9303-3 §5)`, span);
    return code;
  }
  const flags = stateCodeFlags(line, span.start);
  if (flags & STATE_XXK) {
    ctx.deviation(ctx.policy.allowXxk, 'STATE_CODE_XXK', field, `${label} XXK is not a Doc 9303 code (used for Kosovo on some residence permits; screen as XXK and RKS)`, span);
    return code;
  }
  const needed = field === 'issuingState' ? STATE_ISSUER : STATE_NATIONALITY;
  if ((flags & needed) === 0) {
    const why = flags & STATE_NATIONALITY ? `is a nationality code only` : flags === 0 ? `is not in the ICAO 9303-3 §5 table (ISO 3166-1 alpha-3 plus ICAO codes)` : `is never valid in an MRZ`;
    ctx.error('STATE_CODE_UNKNOWN', field, `${label} '${code}' ${why}`, span);
    return code;
  }
  if ((flags & STATE_SPECIMEN) !== 0 && ctx.specimenField === null) ctx.specimenField = field;
  return code;
}
