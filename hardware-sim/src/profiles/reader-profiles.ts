/** The profile registry. */
import { accessIs, desko, jsonStx, stxEtx } from './envelope-profiles.js';
import { elyctis } from './elyctis-profile.js';
import { lineByLine, plainCr, plainCrlf, plainLf } from './line-profiles.js';
import type { ReaderProfile, SimProfileName } from './reader-profile.js';
import { rte } from './rte-profile.js';

export const READER_PROFILES: Readonly<Record<SimProfileName, ReaderProfile>> = {
  'plain-cr': plainCr,
  'plain-lf': plainLf,
  'plain-crlf': plainCrlf,
  'line-by-line': lineByLine,
  'stx-etx': stxEtx,
  'access-is': accessIs,
  desko,
  '3m-rte': rte,
  elyctis,
  'json-stx': jsonStx,
};

export function getReaderProfile(name: SimProfileName): ReaderProfile {
  return READER_PROFILES[name];
}
