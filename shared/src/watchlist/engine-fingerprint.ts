/**
 * A fingerprint of the code whose output a snapshot stores. A snapshot is a cache of list data built by
 * one version of this engine; loaded by another whose folding or key rules differ, its keys would no
 * longer meet the queries' keys and persons would silently stop matching — and likewise for state codes,
 * document-number keys, parsed birth dates and the entry schema the stored records were validated with.
 * The snapshot format number only covers the layout, so the snapshot also records this fingerprint and a
 * load under another one is refused (the caller rebuilds from list data). It hashes the rule data (name
 * families), the entry schema (as JSON Schema), and what the running code derives from samples that
 * exercise each rule family (Cyrillic readings, digraph variants, patronymic markers, merged tokens, `X`
 * folds; state aliases; OCR-confusable document numbers; partial dates): a change to the rules changes
 * what these produce. Format 8 stores the persons' name sketches, so their bucket function and layout are
 * hashed too (a sketch built under other buckets would prune true matches without a trace).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { foldNameKeys } from './fold-name.js';
import { NAME_FAMILIES } from './name-families.js';
import { analyzeToken } from './token-keys.js';
import { canonicalState } from './state-code.js';
import { normalizeDocumentNumber } from './document-key.js';
import { parsePartialDate } from './birth-date-evidence.js';
import { WatchlistEntry } from './watchlist-entry.js';
import { buildNameSketches, SKETCH_TOKENS, tokenBucket } from './name-sketch.js';

const SAMPLE_NAMES = [
  'ЖАПАРОВ САДЫР НУРГОЖОЕВИЧ', 'ЖАПАРОВА АЙЖАН', 'DZHAPAROV SADYR', 'ZHAPAROV', 'JAPAROV', 'ТОКТОГУЛ УУЛУ ЭРЛАН',
  'АСАНОВА КЫЗЫ ГУЛЬНАРА', 'ӨМҮРБЕК ҮСӨНОВ', 'ҚАЗЫБЕК ҰЛАН ҒАЛЫМ', 'ЇЖАК ЄВГЕН ҐАНДЗЮК', 'ЩУКИН ЮРИЙ ЭДУАРДОВИЧ',
  'ABDUL RAHMAN', 'ABDULRAHMAN', 'MAKSIM', 'MAXIM', 'ALEKSANDR', 'ALEXANDER', 'KHAIRULLIN', 'HAIRULLIN', 'CHOLPON', 'SHOLPON',
  'YULIYA', 'IULIIA', 'JULIA', 'EVGENIY', 'YEVGENIY', 'OGLU', 'MUHAMMED', 'MOHAMMAD',
];

const SAMPLE_STATES = ['D', 'DEU', 'XXK', 'RKS', 'GBR', 'GBD', 'UTO', 'KGZ', 'kgz', 'D<<'];
const SAMPLE_NUMBERS = ['C01X00T47', 'AC0I23456', 'ACO123456', '000123456', 'ab-12 34', 'S5B8G6Q0', '12345678<'];
const SAMPLE_DATES = ['1968', '1968-12', '1968-12-06', '1968-00-00', '1968-XX', '1968-<<-<<', '1968-13-01', 'bad'];

let cached: string | undefined;

/** Hex SHA-256 over the key rules and the keys they give for the sample names (computed once, < 1 ms). */
export function watchlistEngineFingerprint(): string {
  if (cached !== undefined) return cached;
  const h = createHash('sha256');
  h.update(JSON.stringify(NAME_FAMILIES));
  for (const name of SAMPLE_NAMES) {
    const keys = foldNameKeys(name);
    h.update(JSON.stringify(keys));
    for (const k of keys) for (const token of k.split(' ')) if (token !== '') h.update(JSON.stringify(analyzeToken(token)));
  }
  h.update(JSON.stringify(SAMPLE_STATES.map(canonicalState)));
  h.update(JSON.stringify(SAMPLE_NUMBERS.map(normalizeDocumentNumber)));
  h.update(JSON.stringify(SAMPLE_DATES.map((d) => parsePartialDate(d) ?? null)));
  h.update(JSON.stringify(z.toJSONSchema(WatchlistEntry, { io: 'input', unrepresentable: 'any' })));
  // Two persons: one name of three tokens (one repeated), one of two names sharing a token.
  const sample = { count: 2, nameStart: Uint32Array.of(0, 1, 3), nameTokStart: Uint32Array.of(0, 3, 5, 7), occTok: Uint32Array.of(7, 9, 7, 11, 300, 300, 42) };
  h.update(JSON.stringify([SKETCH_TOKENS, Array.from({ length: 64 }, (_, t) => tokenBucket(t)), [...buildNameSketches(sample)]]));
  cached = h.digest('hex');
  return cached;
}
