/**
 * CSV watchlist files (RFC 4180, parsed with `csv-parse/sync`). The first row names the columns; the
 * columns are the `WatchlistEntry` fields, in camelCase or snake_case:
 *
 * `id, type, category, action, source, validFrom|valid_from, validUntil|valid_until, notes` — all entries;
 * `surname, givenNames|given_names, birthDate|birth_date, nationality, sex, aliases` — persons;
 * `issuingState|issuing_state, documentNumber|document_number, documentCode|document_code` — documents.
 *
 * An empty cell means "absent". Aliases are given either as a JSON array in an `aliases` column
 * (`[{"surname":"JAPAROV","givenNames":"SADYR"}]`) or as column pairs `alias_surname` + `alias_given_names`,
 * `alias2_surname` + `alias2_given_names`, … (any numbering; pairs with both cells empty are ignored).
 * Other columns are kept as extra string fields on the entry. Atomic like the JSON-lines parser.
 */
import { parse } from 'csv-parse/sync';
import { WatchlistImportCollector, type WatchlistImportResult } from './watchlist-import-result.js';

const SNAKE_TO_CAMEL: Readonly<Record<string, string>> = {
  given_names: 'givenNames',
  birth_date: 'birthDate',
  issuing_state: 'issuingState',
  document_number: 'documentNumber',
  document_code: 'documentCode',
  valid_from: 'validFrom',
  valid_until: 'validUntil',
};

const ALIAS_RE = /^alias(\d*)_(surname|given_names|givennames)$/i;

interface ColumnPlan {
  field: string;
  alias?: { key: string; part: 'surname' | 'givenNames' };
}

function planColumns(header: string[]): ColumnPlan[] {
  return header.map((h) => {
    const name = h.trim();
    const a = ALIAS_RE.exec(name);
    if (a !== null) {
      const part = a[2]!.toLowerCase() === 'surname' ? 'surname' : 'givenNames';
      return { field: name, alias: { key: a[1] === '' || a[1] === undefined ? '1' : a[1], part } };
    }
    return { field: SNAKE_TO_CAMEL[name.toLowerCase()] ?? name };
  });
}

function rowToObject(plan: ColumnPlan[], cells: string[], line: number, collector: WatchlistImportCollector): Record<string, unknown> | undefined {
  const row: Record<string, unknown> = {};
  const aliasMap = new Map<string, { surname: string; givenNames: string }>();
  for (let c = 0; c < plan.length; c++) {
    const p = plan[c]!;
    const cell = cells[c] ?? '';
    if (p.alias !== undefined) {
      const a = aliasMap.get(p.alias.key) ?? { surname: '', givenNames: '' };
      a[p.alias.part] = cell;
      aliasMap.set(p.alias.key, a);
      continue;
    }
    if (cell === '') continue;
    if (p.field === 'aliases') {
      try {
        row.aliases = JSON.parse(cell);
      } catch {
        collector.addError(line, 'aliases: must be a JSON array of {"surname","givenNames"}');
        return undefined;
      }
      continue;
    }
    row[p.field] = cell;
  }
  const columnAliases = [...aliasMap.values()].filter((a) => a.surname !== '' || a.givenNames !== '');
  if (columnAliases.length > 0) {
    row.aliases = [...(Array.isArray(row.aliases) ? (row.aliases as unknown[]) : []), ...columnAliases];
  }
  return row;
}

/**
 * Parses a whole CSV file (header row first). Returns `{ ok: true, entries }` when every row is a valid
 * entry with a unique id, else `{ ok: false, errors }` with each bad row's 1-based line number and reason.
 */
export function parseWatchlistCsv(text: string): WatchlistImportResult {
  const collector = new WatchlistImportCollector();
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err !== undefined) collector.addError(Number(err.lines), `CSV syntax: ${err.message}`);
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    collector.addError(err.lines ?? 1, `CSV syntax: ${err.message}`);
    return collector.result();
  }
  const head = records[0];
  if (head === undefined) return collector.result();
  const plan = planColumns(head.record);
  const names = plan.map((p) => p.field);
  const dup = names.find((n, i) => plan[i]!.alias === undefined && names.indexOf(n) !== i);
  if (dup !== undefined) {
    collector.addError(head.info.lines, `column "${dup}" appears twice`);
    return collector.result();
  }
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r]!;
    if (record.length !== plan.length) {
      collector.addError(info.lines, `expected ${plan.length} columns, found ${record.length}`);
      continue;
    }
    const row = rowToObject(plan, record, info.lines, collector);
    if (row !== undefined) collector.addRow(info.lines, row);
  }
  return collector.result();
}
