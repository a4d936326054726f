/**
 * Build-time memo of normalised name fields (watchlist-matching.md §4.3, §4.10). A million list names have
 * ~270k distinct fields (surnames repeat, given names and patronymics repeat more), so the build
 * normalises each distinct field once and afterwards only looks it up: one hash over the field's
 * characters (`RangeMemo`, no string allocated) instead of splitting, transliterating and allocating
 * token objects per name. That was ~5 µs per name, most of a 1M build.
 *
 * Per field and reading it keeps the token texts, roles and the concatenation of each token with the next
 * (`ABDUL RAHMAN` → `ABDULRAHMAN`, same field, neither a patronymic), so `stageNames` can intern them in
 * exactly the order the per-name path did: token ids, and everything ordered by them, stay the same.
 * Memory is one `Int32Array` pool plus the distinct strings; the stager lives for one build.
 */
import { normalizeFieldReadings, sameTokens, TOKEN_PATRONYMIC, TOKEN_SURNAME, type NameToken } from './fold-name.js';
import { i32 } from './large-arrays.js';

export class NameStager {
  /** Field records (layout in `record`); offsets are returned by `field`. */
  pool = i32(1 << 16);
  private used = 0;
  /** Token and concatenation texts the pool refers to by index. */
  readonly texts: string[] = [];
  private readonly surnames = new Map<string, number>();
  private readonly givens = new Map<string, number>();

  /**
   * Offset of the record of a field with this role. Record: `[nReadings, list offset × 3]`; a list:
   * `[nTokens, then per token: text index, role, concatenation text index or −1]`. Readings whose token
   * lists are equal share one list offset, so two name variants are equal exactly when both fields'
   * list offsets are.
   */
  field(text: string, role: number): number {
    const memo = role === TOKEN_SURNAME ? this.surnames : this.givens;
    let at = memo.get(text);
    if (at === undefined) memo.set(text, (at = this.record(text, role)));
    return at;
  }

  private push(v: number): void {
    if (this.used === this.pool.length) {
      const next = i32(this.pool.length * 2);
      next.set(this.pool);
      this.pool = next;
    }
    this.pool[this.used++] = v;
  }

  private text(s: string): number {
    this.texts.push(s);
    return this.texts.length - 1;
  }

  private record(field: string, role: number): number {
    const readings = normalizeFieldReadings(field, role);
    const lists: number[] = [];
    for (let k = 0; k < readings.length; k++) {
      const same = readings.findIndex((r, j) => j < k && sameTokens(r, readings[k]!));
      lists.push(same >= 0 ? lists[same]! : this.list(readings[k]!));
    }
    const at = this.used;
    this.push(readings.length);
    for (let k = 0; k < 3; k++) this.push(lists[k] ?? -1);
    return at;
  }

  private list(tokens: readonly NameToken[]): number {
    const at = this.used;
    this.push(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const next = tokens[i + 1];
      this.push(this.text(t.text));
      this.push(t.role);
      // Same condition as the per-name path; `next` is in the same field (tokens of the other field
      // differ in the surname bit, so no concatenation ever spans the two fields).
      const concat = next !== undefined && (next.role & TOKEN_SURNAME) === (t.role & TOKEN_SURNAME) && ((t.role | next.role) & TOKEN_PATRONYMIC) === 0;
      this.push(concat ? this.text(t.text + next.text) : -1);
    }
    return at;
  }
}
