/**
 * Splits the `inspect` input stream into documents: blank-line separated MRZ blocks (default) or one
 * JSON string per line (`--jsonl`). Streams: memory stays bounded by one document, whatever the input.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { MRZ_MAX_INPUT_CHARS } from '@aspk/shared';

/** One document's input: its MRZ text, or why the line could not be read (JSON lines only). */
export type InputDocument = { ok: true; mrz: string | string[] } | { ok: false; message: string };

const BLANK = /^[ \t]*$/;

/** Default mode: consecutive non-blank lines form one document; one or more blank lines separate documents. */
export async function* readBlankLineDocuments(input: Readable): AsyncGenerator<InputDocument> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lines: string[] = [];
  let chars = 0;
  for await (const line of rl) {
    if (BLANK.test(line)) {
      if (lines.length > 0) yield { ok: true, mrz: lines };
      lines = [];
      chars = 0;
      continue;
    }
    // Past the engine's cap the document is refused anyway (INPUT_TOO_LONG); stop keeping its text.
    if (chars <= MRZ_MAX_INPUT_CHARS) lines.push(line);
    chars += line.length;
  }
  if (lines.length > 0) yield { ok: true, mrz: lines };
}

/** `--jsonl`: each non-blank line is a JSON string holding one document's MRZ (lines joined by `\n`). */
export async function* readJsonLineDocuments(input: Readable): AsyncGenerator<InputDocument> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (BLANK.test(line)) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield { ok: false, message: `input line ${n} is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
      continue;
    }
    if (typeof value === 'string') yield { ok: true, mrz: value };
    else yield { ok: false, message: `input line ${n} is JSON but not a string (got ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value})` };
  }
}
