/**
 * A fingerprint of the code that turns names into index keys. A snapshot is a cache of list data built by
 * one version of this engine; loaded by another whose folding or key rules differ, its keys would no
 * longer meet the queries' keys and persons would silently stop matching. The snapshot format number only
 * covers the layout, so the snapshot also records this fingerprint and a load under another one is refused
 * (the caller rebuilds from list data). It hashes the rule data (name families) and the keys the running
 * code derives for sample names that exercise each rule family (Cyrillic readings, digraph variants,
 * patronymic markers, merged tokens, `X` folds): a change to the rules changes what these produce.
 */
import { createHash } from 'node:crypto';
import { foldNameKeys } from './fold-name.js';
import { NAME_FAMILIES } from './name-families.js';
import { analyzeToken } from './token-keys.js';

const SAMPLE_NAMES = [
  'ЖАПАРОВ САДЫР НУРГОЖОЕВИЧ', 'ЖАПАРОВА АЙЖАН', 'DZHAPAROV SADYR', 'ZHAPAROV', 'JAPAROV', 'ТОКТОГУЛ УУЛУ ЭРЛАН',
  'АСАНОВА КЫЗЫ ГУЛЬНАРА', 'ӨМҮРБЕК ҮСӨНОВ', 'ҚАЗЫБЕК ҰЛАН ҒАЛЫМ', 'ЇЖАК ЄВГЕН ҐАНДЗЮК', 'ЩУКИН ЮРИЙ ЭДУАРДОВИЧ',
  'ABDUL RAHMAN', 'ABDULRAHMAN', 'MAKSIM', 'MAXIM', 'ALEKSANDR', 'ALEXANDER', 'KHAIRULLIN', 'HAIRULLIN', 'CHOLPON', 'SHOLPON',
  'YULIYA', 'IULIIA', 'JULIA', 'EVGENIY', 'YEVGENIY', 'OGLU', 'MUHAMMED', 'MOHAMMAD',
];

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
  cached = h.digest('hex');
  return cached;
}
