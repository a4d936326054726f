import { z } from 'zod';
import { AspkError } from '@aspk/shared';

/** Parses an edge input with its schema; `INPUT_INVALID` with zod's issues (code and path) otherwise. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new AspkError('INPUT_INVALID', z.prettifyError(r.error), r.error.issues.map((i) => ({ code: i.code, path: i.path.map(String), message: i.message })));
  }
  return r.data;
}
