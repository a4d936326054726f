/**
 * `aspk-agent inspect [--watchlist FILE] [--jsonl] [--at YYYY-MM-DD]`: validates the MRZ of every
 * document on stdin and prints one JSON object per document, in input order, one per line.
 * Exit 0 whenever the input could be read (also when documents are invalid); 2 for usage errors;
 * 3 for an unreadable watchlist file; 1 when stdin or stdout fails.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { parseMrz } from '@aspk/shared';
import { inspectOutput, unreadableOutput } from './inspect-output.js';
import { readBlankLineDocuments, readJsonLineDocuments } from './read-documents.js';
import { isCalendarDate, localToday } from './calendar-date.js';
import { loadScreener, type Screener } from './watchlist-screener.js';

export const INSPECT_USAGE = `usage: aspk-agent inspect [--watchlist FILE] [--jsonl] [--at YYYY-MM-DD]

Reads MRZs from stdin and prints one JSON object per document ({ok, format, document, errors,
warnings, suggestions[, screening]}), in input order, one per line.

  (default)          documents separated by one or more blank lines, MRZ lines consecutive
  --jsonl            one JSON string per line, the MRZ lines of one document joined by \\n
  --at YYYY-MM-DD    date against which expiry and age are judged (default: today, local time)
  --watchlist FILE   screen every document against a watchlist (JSON lines)
`;

export async function inspectCommand(argv: string[], stdin: Readable, stdout: Writable, stderr: Writable): Promise<number> {
  let values: { watchlist?: string | undefined; jsonl?: boolean | undefined; at?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { watchlist: { type: 'string' }, jsonl: { type: 'boolean' }, at: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    stderr.write(`aspk-agent inspect: ${e instanceof Error ? e.message : String(e)}\n\n${INSPECT_USAGE}`);
    return 2;
  }
  if (values.help === true) {
    stdout.write(INSPECT_USAGE);
    return 0;
  }
  const at = values.at ?? localToday(new Date());
  if (!isCalendarDate(at)) {
    stderr.write(`aspk-agent inspect: --at must be a calendar date YYYY-MM-DD, got '${at}'\n`);
    return 2;
  }
  let screener: Screener | null = null;
  if (values.watchlist !== undefined) {
    const loaded = await loadScreener(values.watchlist);
    if (!loaded.ok) {
      stderr.write(`aspk-agent inspect: ${loaded.message}\n`);
      return loaded.exitCode;
    }
    screener = loaded.screener;
  }
  const documents = values.jsonl === true ? readJsonLineDocuments(stdin) : readBlankLineDocuments(stdin);
  try {
    for await (const doc of documents) {
      let line: string;
      if (doc.ok) {
        const result = parseMrz(doc.mrz, { referenceDate: at });
        line = JSON.stringify(inspectOutput(result, screener?.screen(result)));
      } else {
        line = JSON.stringify(unreadableOutput(doc.message, screener === null ? undefined : []));
      }
      if (!stdout.write(line + '\n')) await once(stdout, 'drain');
    }
  } catch (e) {
    stderr.write(`aspk-agent inspect: reading or writing failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  return 0;
}
