import { canonicalState, foldNameKeys, normalizeDocumentNumber, type WatchlistEntry } from '@aspk/shared';

/**
 * Search keys for admin and auditor text search. Names use the matcher's folding (`foldNameKeys` from
 * `@aspk/shared`: transliteration, spelling-variant classes, markers, word order), so a search for
 * `Жапаров` finds `ZHAPAROV` and `DZHAPAROV`. Stored keys are ` KEY1 | KEY2 ` (one per Cyrillic reading);
 * a query matches when, for one of its readings, every folded token starts a token of the stored key.
 */
export function nameSearchKey(name: string): string {
  const keys = foldNameKeys(name).filter((k) => k !== '');
  return keys.length === 0 ? '' : ` ${keys.join(' | ')} `;
}

/** Upper-case, diacritics removed, fillers and punctuation as single spaces (ids, categories). */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[<\s'’ʼ`.,|-]+/gu, ' ')
    .trim();
}

const esc = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * SQL condition matching `column` (a key built with `nameSearchKey` or `entrySearchText`) against a name
 * query, or null when the query folds to nothing. Also matches the query as plain text (ids, numbers).
 */
export function nameSearchCondition(column: string, query: string): { sql: string; args: string[] } | null {
  const alternatives: string[] = [];
  const args: string[] = [];
  for (const key of foldNameKeys(query)) {
    const tokens = key.split(' ').filter((t) => t !== '');
    if (tokens.length === 0) continue;
    alternatives.push(`(${tokens.map(() => `${column} LIKE ? ESCAPE '\\'`).join(' AND ')})`);
    for (const t of tokens) args.push(`% ${esc(t)}%`);
  }
  const plain = foldText(query);
  if (plain !== '') {
    alternatives.push(`${column} LIKE ? ESCAPE '\\'`);
    args.push(`%${esc(plain)}%`);
  }
  return alternatives.length === 0 ? null : { sql: `(${alternatives.join(' OR ')})`, args };
}

/** Issuing state and number as the matcher keys them: `KGZ|AC1234567`. */
export function documentKey(issuingState: string, documentNumber: string): string {
  return `${canonicalState(issuingState)}|${normalizeDocumentNumber(documentNumber)}`;
}

export { normalizeDocumentNumber };

/** Text searched by `GET /api/v1/watchlist/entries?q=`: id, category, folded names and aliases, document number. */
export function entrySearchText(e: WatchlistEntry): string {
  const parts: string[] = [foldText(e.id), foldText(e.category)];
  if (e.type === 'person') {
    for (const n of [{ surname: e.surname, givenNames: e.givenNames }, ...(e.aliases ?? [])]) {
      const full = `${n.surname} ${n.givenNames}`;
      parts.push(foldText(full), nameSearchKey(full).trim());
    }
  } else {
    parts.push(normalizeDocumentNumber(e.documentNumber), e.issuingState);
  }
  return ` ${parts.filter((p) => p !== '').join(' | ')} `;
}
