import { AspkError, parseWatchlistCsv, parseWatchlistJsonl, type WatchlistEntry, type WatchlistImportError } from '@aspk/shared';

/** Import progress pushed to the page (`watchlist:import-progress`). */
export interface ImportProgress {
  importId: string;
  phase: 'validating' | 'applying' | 'done' | 'failed';
  /** Rows validated so far. */
  processed: number;
  total: number;
}

const CHUNK_LINES = 2000;

/**
 * Validates a watchlist file without blocking the event loop for long: JSON lines are validated in chunks
 * of 2,000 lines by the shared parser (line numbers offset, duplicate ids checked across chunks), yielding
 * between chunks and reporting progress; CSV (whose quoted fields may span lines) in one pass. Atomic: any
 * error → `WATCHLIST_IMPORT_INVALID` with every bad line, and nothing is applied.
 */
export async function validateWatchlistFile(
  text: string,
  format: 'jsonl' | 'csv',
  progress: (processed: number, total: number) => void,
): Promise<WatchlistEntry[]> {
  if (format === 'csv') {
    const r = parseWatchlistCsv(text);
    if (!r.ok) throw importInvalid(r.errors);
    progress(r.entries.length, r.entries.length);
    return r.entries;
  }
  const lines = text.split('\n');
  const total = lines.length;
  const entries: WatchlistEntry[] = [];
  const errors: WatchlistImportError[] = [];
  const firstLine = new Map<string, number>();
  for (let start = 0; start < total; start += CHUNK_LINES) {
    const chunk = lines.slice(start, start + CHUNK_LINES).join('\n');
    const r = parseWatchlistJsonl(start === 0 ? chunk : chunk.replace(/^\uFEFF/, ' '));
    if (!r.ok) {
      for (const e of r.errors) errors.push({ line: e.line === 0 ? 0 : e.line + start, reason: e.reason });
    } else {
      // The chunk is valid, so its k-th non-blank line is its k-th entry: recover each entry's line number.
      let k = 0;
      for (let i = start; i < Math.min(start + CHUNK_LINES, total); i++) {
        if ((lines[i] ?? '').trim() === '') continue;
        const e = r.entries[k++];
        if (e === undefined) break;
        const first = firstLine.get(e.id);
        if (first !== undefined) errors.push({ line: i + 1, reason: `duplicate id "${e.id}" (first used on line ${first})` });
        else firstLine.set(e.id, i + 1);
        entries.push(e);
      }
    }
    if (errors.length > 1000) break;
    progress(Math.min(start + CHUNK_LINES, total), total);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (errors.length > 0) throw importInvalid(errors);
  if (entries.length === 0) throw importInvalid([{ line: 0, reason: 'the file holds no entries' }]);
  return entries;
}

function importInvalid(errors: WatchlistImportError[]): AspkError {
  return new AspkError('WATCHLIST_IMPORT_INVALID', `import rejected: ${errors.length} bad line(s); nothing was changed`, { errors: errors.slice(0, 1000) });
}
