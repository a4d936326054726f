/**
 * What the demo remembers between runs, in two files of its data folder: `demo-state.json` (seed, traveller
 * date, steps done) and `secrets.json` (checkpoint credentials, officer passwords), both mode 0600. Each step
 * of the first start is recorded as soon as it is done, so a start interrupted half-way resumes without
 * enrolling twice or importing the watchlist twice.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AspkError } from '@aspk/shared';

export const DemoState = z.object({
  /** Seed of the traveller pool. */
  seed: z.number().int(),
  /** The date ages and expiry were computed against at the first start (ISO), so every run regenerates the same travellers. */
  travellersAt: z.string(),
  /** Central's public signing key that agents pin. */
  centralPublicKey: z.string().nullable().default(null),
  /** Watchlist version created by the first import, or null before it. */
  watchlistImportedVersion: z.number().int().nullable().default(null),
  /** Checkpoints whose local officer account exists. */
  officersCreated: z.array(z.string()).default([]),
  /** Next traveller of the pool, so a second run continues the queue. */
  trafficPosition: z.number().int().min(0).default(0),
});
export type DemoState = z.infer<typeof DemoState>;

export const DemoSecrets = z.object({
  /** Checkpoint id -> credential issued by central (never printed). */
  checkpointTokens: z.record(z.string(), z.string()).default({}),
  /** Checkpoint id -> generated officer password (printed at every start: it is the demo login). */
  officerPasswords: z.record(z.string(), z.string()).default({}),
});
export type DemoSecrets = z.infer<typeof DemoSecrets>;

function readJson<T>(file: string, schema: z.ZodType<T>): T | null {
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AspkError('CONFIG_INVALID', `${file} is not readable JSON (${(e as Error).message}); reset the demo with rm -rf on its data folder`);
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new AspkError('CONFIG_INVALID', `${file} is not a demo file:\n${z.prettifyError(r.error)}`);
  return r.data;
}

/** Writes via a temporary file and a rename, mode 0600, so a crash never leaves half a file. */
function writeJson(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** The two files of one demo data folder. */
export class DemoStateFiles {
  readonly stateFile: string;
  readonly secretsFile: string;

  constructor(dataDir: string) {
    this.stateFile = join(dataDir, 'demo-state.json');
    this.secretsFile = join(dataDir, 'secrets.json');
  }

  /** The saved state, or null at the first start. */
  loadState(): DemoState | null {
    return readJson(this.stateFile, DemoState);
  }

  saveState(s: DemoState): void {
    writeJson(this.stateFile, s);
  }

  loadSecrets(): DemoSecrets {
    return readJson(this.secretsFile, DemoSecrets) ?? { checkpointTokens: {}, officerPasswords: {} };
  }

  saveSecrets(s: DemoSecrets): void {
    writeJson(this.secretsFile, s);
  }
}
