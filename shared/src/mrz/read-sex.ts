/** Sex (ICAO 9303-4..7 §4.2.2): `M`, `F` or `<`. `X` is the VIZ spelling and a policy deviation in the MRZ (icao-9303.md §7). */
import type { MrzSex } from './mrz-result.js';
import type { ParseContext } from './parse-context.js';

export function readSex(ctx: ParseContext): MrzSex | null {
  const span = ctx.layout.sex;
  const c = ctx.code(span.line, span.start);
  if (c === 77) return 'M';
  if (c === 70) return 'F';
  if (c === 60) return '<';
  if (!ctx.clean(span)) return null;
  if (c === 88) {
    ctx.deviation(ctx.policy.allowSexX, 'SEX_X', 'sex', "sex X is the visual-zone spelling of 'unspecified'; the MRZ carries <", span);
    return ctx.policy.allowSexX ? '<' : null;
  }
  ctx.error('SEX_INVALID', 'sex', `sex '${String.fromCharCode(c)}' must be M, F or < (ICAO 9303-4 §4.2.2)`, span);
  return null;
}
