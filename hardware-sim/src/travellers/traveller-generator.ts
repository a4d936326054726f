/**
 * Seeded traveller generator: realistic names of the region and beyond, valid MRZs of every format, and
 * configurable shares of watchlisted persons (with their watchlist entries, written in another script
 * or transliteration where one exists), stolen documents, invalid and expired documents, and minors.
 */
import { encodeMrz, type MrzEncodeInput } from '@aspk/shared';
import { Prng } from '../prng.js';
import { feminine, NAME_POOLS, type NamePool } from './name-pools.js';
import { cyrillicToIcao, cyrillicVariant, latinToMrz, latinVariant } from './transliteration.js';

export type DocumentKind = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB' | 'PU';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB', 'PU'];

/** Shares in [0, 1] of each kind of traveller; defaults in brackets. */
export interface TravellerMix {
  /** Person on the watchlist [0.05]. */
  watchlisted?: number;
  /** Document on the lost/stolen list [0.03]. */
  stolen?: number;
  /** A check digit broken [0.05]. */
  invalid?: number;
  /** Document expired [0.05]. */
  expired?: number;
  /** Under 18 at `now` [0.1]. */
  minor?: number;
}

/** A watchlist entry as plain JSON (the JSON-lines schema of `@aspk/shared` watchlist). */
export type GeneratedWatchlistEntry =
  | { id: string; type: 'person'; surname: string; givenNames: string; aliases?: { surname: string; givenNames: string }[]; birthDate?: string; nationality?: string; sex?: 'M' | 'F'; category: string; action: 'alert' | 'refer' | 'deny' | 'detain' | 'protect' }
  | { id: string; type: 'document'; issuingState: string; documentNumber: string; documentCode?: string; category: string; action: 'alert' | 'refer' | 'deny' | 'detain' | 'protect' };

export interface Traveller {
  id: string;
  kind: DocumentKind;
  nationality: string;
  sex: 'M' | 'F';
  /** MRZ (Latin) name as printed. */
  surname: string;
  givenNames: string;
  /** Native-script name, for Cyrillic-script nationalities. */
  native: { surname: string; givenNames: string } | null;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  expiryDate: string;
  document: MrzEncodeInput;
  lines: string[];
  /** Lines joined by `\n`. */
  mrz: string;
  watchlistEntryId: string | null;
  stolenEntryId: string | null;
  invalid: boolean;
  expired: boolean;
  minor: boolean;
  /** Entries that list this traveller (empty for most). */
  watchlistEntries: GeneratedWatchlistEntry[];
}

export interface TravellerGeneratorOptions {
  seed: number;
  /** The crossing date that expiry and age are judged against. Default: now. */
  now?: Date;
  mix?: TravellerMix;
  /** Document kinds to draw from; default all, passports most often. */
  kinds?: readonly DocumentKind[];
}

const PERSON_CATEGORIES = [
  { category: 'wanted', action: 'detain' },
  { category: 'interpol-red-notice', action: 'detain' },
  { category: 'entry-ban', action: 'deny' },
  { category: 'missing-person', action: 'protect' },
  { category: 'sanctions', action: 'refer' },
] as const;

const KIND_WEIGHTS: Readonly<Record<DocumentKind, number>> = { TD3: 55, TD1: 15, TD2: 5, PU: 5, MRVA: 12, MRVB: 8 };
const DOC_CODE: Readonly<Record<DocumentKind, string>> = { TD3: 'P', TD1: 'ID', TD2: 'I', PU: 'PU', MRVA: 'V', MRVB: 'V' };
const FORMAT: Readonly<Record<DocumentKind, MrzEncodeInput['format']>> = { TD3: 'TD3', TD1: 'TD1', TD2: 'TD2', PU: 'TD2', MRVA: 'MRVA', MRVB: 'MRVB' };
const DAY_MS = 86_400_000;

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function yymmdd(iso: string): string {
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}

export class TravellerGenerator {
  private readonly prng: Prng;
  private readonly now: Date;
  private readonly mix: Required<TravellerMix>;
  private readonly kinds: readonly DocumentKind[];
  private seq = 0;

  constructor(options: TravellerGeneratorOptions) {
    this.prng = new Prng(options.seed);
    this.now = options.now ?? new Date();
    const m = options.mix ?? {};
    this.mix = { watchlisted: m.watchlisted ?? 0.05, stolen: m.stolen ?? 0.03, invalid: m.invalid ?? 0.05, expired: m.expired ?? 0.05, minor: m.minor ?? 0.1 };
    this.kinds = options.kinds ?? DOCUMENT_KINDS;
  }

  /** The next traveller. */
  next(): Traveller {
    const p = this.prng;
    const id = `T${String(++this.seq).padStart(6, '0')}`;
    const pool = p.pick(NAME_POOLS);
    const sex: 'M' | 'F' = p.chance(0.5) ? 'M' : 'F';
    const nativeSurname = sex === 'F' && pool.feminineSurnames ? feminine(p.pick(pool.surnames)) : p.pick(pool.surnames);
    const nativeGiven = p.pick(sex === 'M' ? pool.male : pool.female);
    const toMrz = pool.script === 'cyrillic' ? cyrillicToIcao : latinToMrz;
    const surname = toMrz(nativeSurname);
    const givenNames = toMrz(nativeGiven);
    const minor = p.chance(this.mix.minor);
    const ageDays = minor ? p.int(30, 17 * 365) : p.int(18 * 365 + 5, 80 * 365);
    const birthDate = ymd(new Date(this.now.getTime() - ageDays * DAY_MS));
    // An expired document still expired after its holder was born (ICAO 9303-3 §4.8 rejects anything else).
    const maxAgoDays = Math.min(1500, ageDays - 30);
    const expired = p.chance(this.mix.expired) && maxAgoDays >= 1;
    const expiryDate = ymd(new Date(this.now.getTime() + (expired ? -p.int(1, maxAgoDays) : p.int(30, 3650)) * DAY_MS));
    const kind = this.pickKind();
    const visa = kind === 'MRVA' || kind === 'MRVB';
    const document: MrzEncodeInput = {
      format: FORMAT[kind],
      documentCode: DOC_CODE[kind],
      // A visa is issued by the host State (here: Kyrgyzstan) to a foreigner.
      issuingState: visa ? 'KGZ' : pool.code,
      documentNumber: this.documentNumber(pool),
      nationality: pool.code,
      birthDate: yymmdd(birthDate),
      sex,
      expiryDate: yymmdd(expiryDate),
      surname,
      givenNames,
    };
    let lines = encodeMrz(document).split('\n');
    const invalid = p.chance(this.mix.invalid);
    if (invalid) lines = this.breakCheckDigit(lines);
    const entries: GeneratedWatchlistEntry[] = [];
    const watchlisted = p.chance(this.mix.watchlisted);
    if (watchlisted) entries.push(this.personEntry(id, pool, { nativeSurname, nativeGiven, surname, givenNames, birthDate, sex }));
    const stolen = !visa && p.chance(this.mix.stolen);
    if (stolen) {
      entries.push({ id: `DOC-${id}`, type: 'document', issuingState: document.issuingState, documentNumber: document.documentNumber, documentCode: document.documentCode, category: p.pick(['stolen', 'lost']), action: p.pick(['detain', 'refer'] as const) });
    }
    return {
      id, kind, nationality: pool.code, sex, surname, givenNames,
      native: pool.script === 'cyrillic' ? { surname: nativeSurname, givenNames: nativeGiven } : null,
      birthDate, expiryDate, document, lines, mrz: lines.join('\n'),
      watchlistEntryId: watchlisted ? `PER-${id}` : null, stolenEntryId: stolen ? `DOC-${id}` : null,
      invalid, expired, minor, watchlistEntries: entries,
    };
  }

  /** `n` travellers. */
  take(n: number): Traveller[] {
    return Array.from({ length: n }, () => this.next());
  }

  private pickKind(): DocumentKind {
    const total = this.kinds.reduce((s, k) => s + KIND_WEIGHTS[k], 0);
    let r = this.prng.next() * total;
    for (const k of this.kinds) {
      r -= KIND_WEIGHTS[k];
      if (r < 0) return k;
    }
    return this.kinds[this.kinds.length - 1] ?? 'TD3';
  }

  private documentNumber(pool: NamePool): string {
    const p = this.prng;
    const digits = (n: number): string => Array.from({ length: n }, () => String(p.int(0, 9))).join('');
    const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
    const letter = (): string => p.pick([...letters]);
    switch (pool.code) {
      case 'RUS':
        return digits(9);
      case 'KGZ':
      case 'KAZ':
      case 'UZB':
      case 'TJK':
        return letter() + letter() + digits(7);
      case 'D':
        // German numbers mix letters and digits (no vowels): every confusion class occurs.
        return Array.from({ length: 9 }, () => p.pick([...'CFGHJKLMNPRTVWXYZ0123456789'])).join('');
      default:
        return letter() + letter() + digits(7);
    }
  }

  /** Replaces the document-number check digit with another digit (ICAO 9303-3 §4.9). */
  private breakCheckDigit(lines: string[]): string[] {
    const [line, pos] = lines.length === 3 ? [0, 14] : [1, 9];
    const text = lines[line] ?? '';
    const old = Number(text[pos] ?? '0');
    const bad = String((old + this.prng.int(1, 9)) % 10);
    return lines.map((l, i) => (i === line ? l.slice(0, pos) + bad + l.slice(pos + 1) : l));
  }

  private personEntry(
    id: string,
    pool: NamePool,
    n: { nativeSurname: string; nativeGiven: string; surname: string; givenNames: string; birthDate: string; sex: 'M' | 'F' },
  ): GeneratedWatchlistEntry {
    const p = this.prng;
    const pick = (k: number): number => p.int(0, k - 1);
    let surname = n.surname;
    let givenNames = n.givenNames;
    // List data rarely matches the passport spelling: native script, or another transliteration era.
    if (pool.script === 'cyrillic') {
      const style = p.int(0, 2);
      if (style === 0) {
        surname = n.nativeSurname;
        givenNames = n.nativeGiven;
      } else if (style === 1) {
        surname = cyrillicVariant(n.nativeSurname, pick) ?? n.surname;
        givenNames = cyrillicVariant(n.nativeGiven, pick) ?? n.givenNames;
      }
    } else {
      surname = latinVariant(n.nativeSurname) ?? n.nativeSurname;
      givenNames = latinVariant(n.nativeGiven) ?? n.nativeGiven;
    }
    const c = p.pick(PERSON_CATEGORIES);
    const entry: GeneratedWatchlistEntry = {
      id: `PER-${id}`, type: 'person', surname, givenNames,
      birthDate: p.chance(0.3) ? n.birthDate.slice(0, 4) : n.birthDate,
      nationality: pool.code, sex: n.sex, category: c.category, action: c.action,
    };
    if (p.chance(0.3)) entry.aliases = [{ surname: n.surname, givenNames: '' }];
    return entry;
  }
}
