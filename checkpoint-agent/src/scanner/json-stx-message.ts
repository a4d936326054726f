/**
 * The JSON body of `json-stx` readers (`02 {json} 03 0D 0A`, document-readers.md §2): MRZ messages
 * carry the lines joined by `\n`; status messages (`readStart`, `readEnd`) share the envelope. Parsed
 * once here, at the serial edge.
 */
import { z } from 'zod';

export const JsonStxMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mrz'), mrz: z.string().max(300) }),
  z.object({ type: z.literal('status'), status: z.string().max(100) }),
]);
export type JsonStxMessage = z.infer<typeof JsonStxMessage>;

/** Parses a body; `null` when it is not JSON or not a known message. */
export function parseJsonStxMessage(body: string): JsonStxMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  const r = JsonStxMessage.safeParse(value);
  return r.success ? r.data : null;
}
