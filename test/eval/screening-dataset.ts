/**
 * Builds one evaluation data set (watchlist-matching.md §5.3): the list (persons and documents), positives
 * with their rules, fresh negatives, hard negatives per class, explicit namesakes, and document probes.
 */
import { foldNameKey, type DocumentEntry, type PersonEntry, type WatchlistEntry } from '@aspk/shared';
import { romanize } from './transliteration-schemes.js';
import { SeededRandom } from './seeded-random.js';
import { NAME_POOLS } from './name-pools.js';
import { documentEntry, documentProbe, entryFor, plainTraveller, positiveTraveller, randomIdentity, type GeneratedTraveller, type Identity } from './screening-generator.js';
import { patronymicOf } from './name-pools.js';

export interface DatasetOptions {
  seed: number;
  persons: number;
  documents: number;
  positives: number;
  negatives: number;
  /** Travellers per hard-negative class. */
  hardPerClass: number;
}

export interface DocumentProbe {
  state: string;
  number: string;
  rule: string;
  targetId: string | undefined;
}

export interface Dataset {
  entries: WatchlistEntry[];
  travellers: GeneratedTraveller[];
  documentProbes: DocumentProbe[];
}

/**
 * Namesake key (§5.3): the folded full name, patronymic ignored — the same fold the matcher documents for
 * name search, applied to the ICAO 9303 reading of the identity, so `Айгерім` and `Әйгерім` are namesakes.
 */
const nameKey = (id: Identity): string => foldNameKey(`${romanize(id.surname.join(' '), 'icao2013')} ${id.given.map((g) => romanize(g, 'icao2013')).join(' ')}`);

function compatible(listed: string | undefined, b: Identity['birth']): boolean {
  if (listed === undefined) return true;
  const full = `${b.y}-${String(b.m).padStart(2, '0')}-${String(b.d).padStart(2, '0')}`;
  return full.startsWith(listed);
}

/** Generates the list and the travellers for one seed. */
export function buildDataset(o: DatasetOptions): Dataset {
  const rng = new SeededRandom(o.seed);
  const entries: WatchlistEntry[] = [];
  const listed: { identity: Identity; entry: PersonEntry; entryId: string; birthDate: string | undefined; hasPatronymic: boolean }[] = [];
  const byName = new Map<string, { entryId: string; birthDate: string | undefined }[]>();
  for (let i = 0; i < o.persons; i++) {
    const identity = randomIdentity(rng);
    const e = entryFor(identity, `P${String(i + 1).padStart(7, '0')}`, rng);
    entries.push(e);
    listed.push({ identity, entry: e, entryId: e.id, birthDate: e.birthDate, hasPatronymic: identity.patronymic !== undefined });
    const k = nameKey(identity);
    const list = byName.get(k) ?? [];
    list.push({ entryId: e.id, birthDate: e.birthDate });
    byName.set(k, list);
  }
  const docs: DocumentEntry[] = [];
  for (let i = 0; i < o.documents; i++) docs.push(documentEntry(rng, `D${String(i + 1).padStart(7, '0')}`));
  // A loop, not `push(...docs)`: spreading a million arguments overflows the call stack (benchmark profile).
  for (const d of docs) entries.push(d);

  const namesakesOf = (id: Identity): string[] => (byName.get(nameKey(id)) ?? []).filter((x) => compatible(x.birthDate, id.birth)).map((x) => x.entryId);
  const travellers: GeneratedTraveller[] = [];
  const add = (t: GeneratedTraveller): void => {
    t.namesakeIds = namesakesOf(t.identity);
    if (t.targetId !== undefined) t.namesakeIds = t.namesakeIds.filter((x) => x !== t.targetId);
    travellers.push(t);
  };
  for (let i = 0; i < o.positives; i++) {
    const l = listed[rng.int(listed.length)]!;
    add(positiveTraveller(l.identity, l.entry, rng));
  }
  for (let i = 0; i < o.negatives; i++) add(plainTraveller(randomIdentity(rng), rng, 'fresh'));
  const givenCount = new Map<string, number>();
  for (const l of listed) for (const g of l.identity.given) givenCount.set(g, (givenCount.get(g) ?? 0) + 1);
  const frequent = (g: string): boolean => (givenCount.get(g) ?? 0) > o.persons / 1000;
  for (let i = 0; i < o.hardPerClass; i++) {
    const base = (): Identity => structuredClone(listed[rng.int(listed.length)]!.identity);
    // Relatives: same surname and birth date, another given name.
    const rel = base();
    const pool = rel.female ? NAME_POOLS[rel.culture].female : NAME_POOLS[rel.culture].male;
    rel.given = [rng.pick(pool.filter((g) => g !== rel.given[0]))];
    add(plainTraveller(rel, rng, 'H-relative'));
    // D5: same name, birth date more than 2 years apart.
    const d5 = base();
    d5.birth.y += (rng.chance(0.5) ? 1 : -1) * (3 + rng.int(8));
    add(plainTraveller(d5, rng, 'H-D5-date'));
    // S2 contradicted: the list has a patronymic, the traveller's document carries another one.
    const withPatr = listed.filter((l) => l.hasPatronymic);
    if (withPatr.length > 0) {
      const s2 = structuredClone(rng.pick(withPatr).identity);
      const fathers = NAME_POOLS[s2.culture].male;
      s2.patronymic = patronymicOf(rng.pick(fathers.filter((f) => !s2.patronymic!.startsWith(f.slice(0, 3)))), s2.female);
      add(plainTraveller(s2, rng, 'H-S2-patronymic', 'full'));
    }
    // Frequent-name neighbours: same surname and date, a similar but different common given name.
    // §5.3 asks for *frequent*-name neighbours (NURLAN/ERLAN): both given names frequent on the list in the
    // sense of §4.6 (held by more than N/1000 listed persons), not any two pool names within two edits
    // (NURBEK/NURBAI are rare compounds, for which a one-letter difference is more likely a typo).
    for (let tries = 0; tries < 40; tries++) {
      const nb = base();
      if (!frequent(nb.given[0]!)) continue;
      const pool = nb.female ? NAME_POOLS[nb.culture].female : NAME_POOLS[nb.culture].male;
      const similar = pool.filter((g) => g !== nb.given[0] && frequent(g) && closeNames(g, nb.given[0]!));
      if (similar.length === 0) continue;
      nb.given = [rng.pick(similar)];
      add(plainTraveller(nb, rng, 'H-neighbour-name'));
      break;
    }
    // Explicit namesakes: another person with the listed name and birth date.
    const ns = base();
    add(plainTraveller(ns, rng, 'namesake'));
  }
  const documentProbes: DocumentProbe[] = [];
  for (let i = 0; i < Math.min(o.positives, docs.length); i++) {
    const d = docs[rng.int(docs.length)]!;
    const p = documentProbe(d, rng);
    documentProbes.push({ state: p.state, number: p.number, rule: p.rule, targetId: p.positive ? d.id : undefined });
  }
  return { entries, travellers, documentProbes };
}

/** Two given names within two edits of each other (e.g. Нурлан/Эрлан, Аскар/Аскат). */
function closeNames(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]! <= 2;
}
