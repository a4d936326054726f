/**
 * Result digest of the watchlist engine, to prove that a speed change alters nothing a user sees:
 * screening hits (ids, scores, reasons, codes), document lookups, `get(id)`, `foldNameKeys`, overlay
 * changes and a snapshot round trip, over a seeded 100k + 100k data set and ~5,000 generated queries.
 *
 *   node --import tsx test/bench/watchlist-digest.ts [--module PATH] [--data FILE] [--size N]
 *
 * `--module` points at a watchlist `index.ts` (default: the working tree's), so a frozen copy of the engine
 * (e.g. one copied to /tmp before a change) can be digested on exactly the same inputs. The data set is
 * generated once and kept in `--data` (JSON), because the generator renders names through the MRZ module,
 * which may change independently. Prints one SHA-256 per part and one over everything.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ScreeningQuery, WatchlistEntry, WatchlistIndex as WatchlistIndexType } from '@aspk/shared';
import { SeededRandom } from '../eval/seeded-random.js';
import { documentEntry, documentProbe, entryFor, plainTraveller, positiveTraveller, randomIdentity } from '../eval/screening-generator.js';

const { values } = parseArgs({ options: { module: { type: 'string' }, data: { type: 'string', default: '/tmp/wl-digest-data.json' }, size: { type: 'string', default: '100000' } } });
const SEED = 424242;

interface DataSet {
  entries: WatchlistEntry[];
  queries: ScreeningQuery[];
  docProbes: { state: string; number: string }[];
  names: string[];
}

function generate(n: number): DataSet {
  const rng = new SeededRandom(SEED);
  const entries: WatchlistEntry[] = [];
  const listed: { id: ReturnType<typeof randomIdentity>; entry: Extract<WatchlistEntry, { type: 'person' }> }[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomIdentity(rng);
    const e = entryFor(id, `P${i}`, rng);
    entries.push(e);
    if (i % 20 === 0) listed.push({ id, entry: e });
  }
  const docs = [];
  for (let i = 0; i < n; i++) docs.push(documentEntry(rng, `D${i}`));
  for (const d of docs) entries.push(d);
  const queries: ScreeningQuery[] = [];
  for (let i = 0; i < 2500; i++) {
    const l = listed[rng.int(listed.length)]!;
    const q = positiveTraveller(l.id, l.entry, rng).query;
    // Every fourth positive also carries a document, so `screen` merges person and document hits.
    if (i % 4 === 0) {
      const d = docs[rng.int(docs.length)]!;
      const p = documentProbe(d, rng);
      q.issuingState = p.state;
      q.documentNumber = p.number;
    }
    queries.push(q);
    queries.push(plainTraveller(randomIdentity(rng), rng, 'fresh').query);
  }
  const docProbes = [];
  for (let i = 0; i < 5000; i++) docProbes.push(documentProbe(docs[rng.int(docs.length)]!, rng));
  // Unusual spellings too: lower case, fillers, hyphens, Unicode digits and letters, empty numbers.
  docProbes.push({ state: 'd', number: 'c01x00t47' }, { state: 'DEU', number: 'C01X-00T47<<' }, { state: 'KGZ', number: '' }, { state: 'KGZ', number: 'ÄB1234567' }, { state: 'XXK', number: '0000' });
  const names = listed.slice(0, 3000).map((l) => `${l.entry.surname} ${l.entry.givenNames}`);
  names.push('Жапаров Садыр', 'SADYR DZHAPAROV', "O'Neil Zoë-Łucja", 'NURLANUULU', 'Ґалина Їжак', '');
  return { entries, queries, docProbes, names };
}

const dataFile = resolve(values.data);
let data: DataSet;
if (existsSync(dataFile)) data = JSON.parse(readFileSync(dataFile, 'utf8')) as DataSet;
else {
  data = generate(Number(values.size));
  writeFileSync(dataFile, JSON.stringify(data));
  console.log(`data set written to ${dataFile}`);
}

const modPath = values.module === undefined ? '@aspk/shared' : pathToFileURL(resolve(values.module)).href;
const mod = (await import(modPath)) as typeof import('@aspk/shared');
const { WatchlistIndex, foldNameKeys } = mod;

const digests: Record<string, string> = {};
const hashOf = (f: (add: (v: unknown) => void) => void): string => {
  const h = createHash('sha256');
  f((v) => h.update(JSON.stringify(v) + '\n'));
  return h.digest('hex');
};

function screening(index: WatchlistIndexType): string {
  return hashOf((add) => {
    for (const q of data.queries) {
      add(index.screen(q, { limit: 100 }));
      add(index.screen(q));
    }
    for (const p of data.docProbes) add(index.lookupDocument(p.state, p.number));
  });
}

const t0 = performance.now();
const index = WatchlistIndex.build(data.entries);
console.log(`built ${index.size} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
digests.screening = screening(index);
digests.get = hashOf((add) => {
  for (let i = 0; i < data.entries.length; i += 97) add(index.get(data.entries[i]!.id));
  add(index.get('no-such-id'));
});
digests.foldNameKeys = hashOf((add) => {
  for (const n of data.names) add(foldNameKeys(n));
});
const snapshot = index.toSnapshot();
// The person index arrays themselves (token and key dictionaries, postings, neighbours…), read straight from
// the snapshot container: they must come out byte for byte the same, not only the screening results.
digests.personCore = hashOf((add) => {
  const headLen = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(snapshot.subarray(12, 12 + headLen))) as { sections: { name: string; offset: number; byteLength: number }[] };
  const body = snapshot.subarray((12 + headLen + 7) & ~7);
  const h = createHash('sha256');
  for (const sec of header.sections.filter((x) => x.name.startsWith('p.') || ['tokens', 'tokFold1', 'tokFold2', 'keys', 'nationalities'].includes(x.name)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    h.update(sec.name);
    h.update(body.subarray(sec.offset, sec.offset + sec.byteLength));
  }
  add(h.digest('hex'));
});
const loaded = WatchlistIndex.fromSnapshot(snapshot);
digests.snapshotScreening = screening(loaded);
// Overlay: replace, remove and add a few entries, then screen again on the live index and on its snapshot.
const persons = data.entries.filter((e) => e.type === 'person');
const changed = persons.slice(0, 50).map((e, i) => ({ ...e, id: i % 2 === 0 ? e.id : `NEW${i}`, category: 'changed' }));
index.applyChanges(changed, persons.slice(50, 80).map((e) => e.id));
const sub = data.queries.slice(0, 1000);
digests.overlay = hashOf((add) => {
  add(index.size);
  for (const q of sub) add(index.screen(q, { limit: 100 }));
  const again = WatchlistIndex.fromSnapshot(index.toSnapshot());
  add(again.size);
  for (const q of sub) add(again.screen(q, { limit: 100 }));
  const compacted = index.compact();
  for (const q of sub) add(compacted.screen(q, { limit: 100 }));
});
digests.all = hashOf((add) => add(digests));
console.log(JSON.stringify(digests, null, 1));
