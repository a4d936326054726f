import type { Readable, Writable } from 'node:stream';

/** `aspk-agent inspect`: see the foundation issue's contract. Implemented by the MRZ engine work. */
export async function inspectCommand(_argv: string[], _stdin: Readable, _stdout: Writable, stderr: Writable): Promise<number> {
  stderr.write('aspk-agent inspect: not available yet\n');
  return 2;
}
