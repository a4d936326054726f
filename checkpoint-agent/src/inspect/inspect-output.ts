/**
 * The JSON object `inspect` prints per document (foundation issue, contract of `aspk-agent inspect`):
 * `ok`, `format`, `document`, `errors`, `warnings`, plus repair `suggestions` and, with `--watchlist`,
 * `screening`.
 */
import type { MrzDocument, MrzIssue, MrzRepairSuggestion, MrzResult } from '@aspk/shared';

export interface ScreeningHitOutput {
  entryId: string;
  /** 0..1, higher is a closer match. */
  score: number;
  reasons: string[];
  kind?: 'person' | 'document';
  /** The list entry's required action (alert, refer, deny, detain, protect). */
  action?: string;
}

export interface InspectOutput {
  ok: boolean;
  format: MrzResult['format'];
  document: MrzDocument | null;
  errors: MrzIssue[];
  warnings: MrzIssue[];
  suggestions: MrzRepairSuggestion[];
  screening?: { hits: ScreeningHitOutput[] };
}

export function inspectOutput(result: MrzResult, hits?: ScreeningHitOutput[]): InspectOutput {
  const out: InspectOutput = {
    ok: result.ok,
    format: result.format,
    document: result.document,
    errors: result.errors,
    warnings: result.warnings,
    suggestions: result.suggestions,
  };
  if (hits !== undefined) out.screening = { hits: [...hits].sort((a, b) => b.score - a.score) };
  return out;
}

/** A document whose input line could not even be read as text (JSON lines mode). */
export function unreadableOutput(message: string, hits?: ScreeningHitOutput[]): InspectOutput {
  const out: InspectOutput = { ok: false, format: null, document: null, errors: [{ code: 'INPUT_NOT_TEXT', message }], warnings: [], suggestions: [] };
  if (hits !== undefined) out.screening = { hits };
  return out;
}
