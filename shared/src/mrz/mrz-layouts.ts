/**
 * Field positions of every MRZ format, as data (0-based, `end` exclusive; the ICAO tables are 1-based).
 * TD3: ICAO 9303-4 §4.2.2; TD1: 9303-5 §4.2.2; TD2: 9303-6 §4.2.2; MRV-A/B: 9303-7 §4.2.2 / §5.2.2;
 * `PU`: 9303-8 (TD2 layout).
 */
import type { MrzFormat } from './encode-mrz.js';
import type { MrzFieldName } from './mrz-issue.js';

export interface MrzSpan {
  line: number;
  start: number;
  end: number;
}

export interface MrzLayout {
  format: MrzFormat;
  lineCount: number;
  lineLength: number;
  documentCode: MrzSpan;
  issuingState: MrzSpan;
  name: MrzSpan;
  documentNumber: MrzSpan;
  documentNumberCheck: MrzSpan;
  nationality: MrzSpan;
  birthDate: MrzSpan;
  birthDateCheck: MrzSpan;
  sex: MrzSpan;
  expiryDate: MrzSpan;
  expiryDateCheck: MrzSpan;
  optionalData: MrzSpan;
  /** TD3 only: personal-number check digit (position 43). */
  optionalDataCheck: MrzSpan | null;
  /** TD1 only: line-2 optional data. */
  optionalData2: MrzSpan | null;
  composite: { slot: MrzSpan; covers: readonly MrzSpan[] } | null;
  /** TD1/TD2: a number longer than 9 continues at the start of `optionalData` (9303-5/6 note j). */
  overflow: boolean;
  /** Which field every position belongs to (check-digit slots count for the field they check). */
  fieldAt: readonly (readonly MrzFieldName[])[];
  /** One-span cover lists, made once so check-digit calls allocate nothing. */
  covers: { documentNumber: readonly MrzSpan[]; birthDate: readonly MrzSpan[]; expiryDate: readonly MrzSpan[]; optionalData: readonly MrzSpan[] };
}

const s = (line: number, start: number, end: number): MrzSpan => ({ line, start, end });

function withFieldMap(layout: Omit<MrzLayout, 'fieldAt' | 'covers'>): MrzLayout {
  const map: MrzFieldName[][] = Array.from({ length: layout.lineCount }, () => new Array<MrzFieldName>(layout.lineLength).fill('optionalData'));
  const put = (field: MrzFieldName, span: MrzSpan | null): void => {
    if (span === null) return;
    for (let i = span.start; i < span.end; i++) map[span.line]![i] = field;
  };
  put('documentCode', layout.documentCode);
  put('issuingState', layout.issuingState);
  put('name', layout.name);
  put('documentNumber', layout.documentNumber);
  put('documentNumber', layout.documentNumberCheck);
  put('nationality', layout.nationality);
  put('birthDate', layout.birthDate);
  put('birthDate', layout.birthDateCheck);
  put('sex', layout.sex);
  put('expiryDate', layout.expiryDate);
  put('expiryDate', layout.expiryDateCheck);
  put('optionalData', layout.optionalData);
  put('optionalData', layout.optionalDataCheck);
  put('optionalData2', layout.optionalData2);
  put('composite', layout.composite?.slot ?? null);
  const covers = {
    documentNumber: [layout.documentNumber],
    birthDate: [layout.birthDate],
    expiryDate: [layout.expiryDate],
    optionalData: [layout.optionalData],
  };
  // Every property written in one fixed order (not `...layout`): TD1's literal lists its fields in
  // another order than the two-line layouts, and a spread would give TD1 its own hidden class, making
  // every field reader's property loads polymorphic once two formats have been parsed.
  return {
    format: layout.format,
    lineCount: layout.lineCount,
    lineLength: layout.lineLength,
    documentCode: layout.documentCode,
    issuingState: layout.issuingState,
    name: layout.name,
    documentNumber: layout.documentNumber,
    documentNumberCheck: layout.documentNumberCheck,
    nationality: layout.nationality,
    birthDate: layout.birthDate,
    birthDateCheck: layout.birthDateCheck,
    sex: layout.sex,
    expiryDate: layout.expiryDate,
    expiryDateCheck: layout.expiryDateCheck,
    optionalData: layout.optionalData,
    optionalDataCheck: layout.optionalDataCheck,
    optionalData2: layout.optionalData2,
    composite: layout.composite,
    overflow: layout.overflow,
    fieldAt: map,
    covers,
  };
}

/** Line 2 positions 1–28, identical in every two-line format (icao-9303.md §2.2). */
function twoLine(format: MrzFormat, width: 36 | 44): Omit<MrzLayout, 'fieldAt' | 'covers' | 'optionalData' | 'optionalDataCheck' | 'composite'> {
  return {
    format,
    lineCount: 2,
    lineLength: width,
    documentCode: s(0, 0, 2),
    issuingState: s(0, 2, 5),
    name: s(0, 5, width),
    documentNumber: s(1, 0, 9),
    documentNumberCheck: s(1, 9, 10),
    nationality: s(1, 10, 13),
    birthDate: s(1, 13, 19),
    birthDateCheck: s(1, 19, 20),
    sex: s(1, 20, 21),
    expiryDate: s(1, 21, 27),
    expiryDateCheck: s(1, 27, 28),
    optionalData2: null,
    overflow: false,
  };
}

export const TD3_LAYOUT: MrzLayout = withFieldMap({
  ...twoLine('TD3', 44),
  optionalData: s(1, 28, 42),
  optionalDataCheck: s(1, 42, 43),
  composite: { slot: s(1, 43, 44), covers: [s(1, 0, 10), s(1, 13, 20), s(1, 21, 43)] },
});

export const TD2_LAYOUT: MrzLayout = withFieldMap({
  ...twoLine('TD2', 36),
  optionalData: s(1, 28, 35),
  optionalDataCheck: null,
  composite: { slot: s(1, 35, 36), covers: [s(1, 0, 10), s(1, 13, 20), s(1, 21, 35)] },
  overflow: true,
});

export const MRVA_LAYOUT: MrzLayout = withFieldMap({
  ...twoLine('MRVA', 44),
  optionalData: s(1, 28, 44),
  optionalDataCheck: null,
  composite: null,
});

export const MRVB_LAYOUT: MrzLayout = withFieldMap({
  ...twoLine('MRVB', 36),
  optionalData: s(1, 28, 36),
  optionalDataCheck: null,
  composite: null,
});

export const TD1_LAYOUT: MrzLayout = withFieldMap({
  format: 'TD1',
  lineCount: 3,
  lineLength: 30,
  documentCode: s(0, 0, 2),
  issuingState: s(0, 2, 5),
  documentNumber: s(0, 5, 14),
  documentNumberCheck: s(0, 14, 15),
  optionalData: s(0, 15, 30),
  optionalDataCheck: null,
  birthDate: s(1, 0, 6),
  birthDateCheck: s(1, 6, 7),
  sex: s(1, 7, 8),
  expiryDate: s(1, 8, 14),
  expiryDateCheck: s(1, 14, 15),
  nationality: s(1, 15, 18),
  optionalData2: s(1, 18, 29),
  composite: { slot: s(1, 29, 30), covers: [s(0, 5, 30), s(1, 0, 7), s(1, 8, 15), s(1, 18, 29)] },
  name: s(2, 0, 30),
  overflow: true,
});
