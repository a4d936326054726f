/**
 * Result type and shared helpers of the watchlist file parsers (JSON lines and CSV). Import is atomic:
 * either every row is valid and all entries come back, or none do and every bad row is listed.
 */
import type { z } from 'zod';
import { WatchlistEntry } from './watchlist-entry.js';

/** One rejected row: 1-based line number in the file and a human-readable reason. */
export interface WatchlistImportError {
  line: number;
  reason: string;
}

/** Outcome of parsing a watchlist file: all entries, or every error (never a partial list). */
export type WatchlistImportResult =
  | { ok: true; entries: WatchlistEntry[] }
  | { ok: false; errors: WatchlistImportError[] };

/** At most this many errors are reported; a file that bad is reported as such rather than in full. */
export const MAX_IMPORT_ERRORS = 1000;

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Collects rows: validates each with the `WatchlistEntry` schema, rejects duplicate ids (naming the line
 * of the first occurrence), and produces the atomic result.
 */
export class WatchlistImportCollector {
  private readonly entries: WatchlistEntry[] = [];
  private readonly errors: WatchlistImportError[] = [];
  private readonly firstLineById = new Map<string, number>();
  private truncated = false;

  /** Validates one row (already decoded into a plain object) found at `line`. */
  addRow(line: number, row: unknown): void {
    const parsed = WatchlistEntry.safeParse(row);
    if (!parsed.success) {
      this.addError(line, formatIssues(parsed.error));
      return;
    }
    const first = this.firstLineById.get(parsed.data.id);
    if (first !== undefined) {
      this.addError(line, `duplicate id "${parsed.data.id}" (first used on line ${first})`);
      return;
    }
    this.firstLineById.set(parsed.data.id, line);
    this.entries.push(parsed.data);
  }

  addError(line: number, reason: string): void {
    if (this.errors.length >= MAX_IMPORT_ERRORS) {
      this.truncated = true;
      return;
    }
    this.errors.push({ line, reason });
  }

  result(): WatchlistImportResult {
    if (this.errors.length === 0) return { ok: true, entries: this.entries };
    const sorted = [...this.errors].sort((a, b) => a.line - b.line);
    const errors = this.truncated
      ? [...sorted, { line: 0, reason: `more than ${MAX_IMPORT_ERRORS} bad rows; later ones not listed` }]
      : sorted;
    return { ok: false, errors };
  }
}
