/**
 * JSON-lines watchlist files: one `WatchlistEntry` object per line. Blank lines are skipped; CRLF and a
 * leading BOM are accepted. Atomic: any bad line → no entries, every bad line reported.
 */
import { WatchlistImportCollector, type WatchlistImportResult } from './watchlist-import-result.js';

/**
 * Parses a whole JSON-lines file. Returns `{ ok: true, entries }` when every line is a valid entry with a
 * unique id, else `{ ok: false, errors }` with each bad line's 1-based number and reason.
 */
export function parseWatchlistJsonl(text: string): WatchlistImportResult {
  const collector = new WatchlistImportCollector();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (e) {
      collector.addError(i + 1, `not valid JSON: ${(e as Error).message}`);
      continue;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      collector.addError(i + 1, 'each line must be one JSON object');
      continue;
    }
    collector.addRow(i + 1, row);
  }
  return collector.result();
}
