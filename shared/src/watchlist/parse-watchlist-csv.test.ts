import { describe, expect, it } from 'vitest';
import { parseWatchlistCsv } from './parse-watchlist-csv.js';

const header = 'id,type,surname,given_names,birth_date,alias_surname,alias_given_names,alias2_surname,alias2_given_names,category,action,issuing_state,document_number';

describe('parseWatchlistCsv', () => {
  it('maps snake_case columns, alias column pairs and empty cells', () => {
    const r = parseWatchlistCsv(
      [header, 'p1,person,JAPAROV,SADYR,1968,ZHAPAROV,SADYR,,,wanted,detain,,', 'd1,document,,,,,,,,stolen,deny,KGZ,AC1234567'].join('\n'),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries[0]).toMatchObject({ id: 'p1', surname: 'JAPAROV', birthDate: '1968', aliases: [{ surname: 'ZHAPAROV', givenNames: 'SADYR' }] });
    expect(r.entries[0]).not.toHaveProperty('issuingState');
    expect(r.entries[1]).toMatchObject({ id: 'd1', issuingState: 'KGZ', documentNumber: 'AC1234567' });
  });

  it('accepts aliases as a JSON column, camelCase headers and quoted cells', () => {
    const r = parseWatchlistCsv(
      'id,type,surname,givenNames,aliases,category,action\n' + 'p1,person,Жапаров,"Садыр, Нургожо","[{""surname"":""JAPAROV"",""givenNames"":""SADYR""}]",wanted,alert\n',
    );
    expect(r).toMatchObject({ ok: true, entries: [{ givenNames: 'Садыр, Нургожо', aliases: [{ surname: 'JAPAROV' }] }] });
  });

  it('is atomic and reports every bad row with its line number', () => {
    const r = parseWatchlistCsv(
      [
        header,
        'p1,person,JAPAROV,SADYR,1968,,,,,wanted,detain,,',
        'p1,person,JAPAROV,SADYR,1968,,,,,wanted,detain,,',
        'd2,document,,,,,,,,stolen,deny,KGZ',
        'p3,person,JAPAROV,SADYR,1968-02-30,,,,,wanted,detain,,',
      ].join('\n'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(r.errors[0]!.reason).toMatch(/duplicate/);
    expect(r.errors[1]!.reason).toMatch(/expected 13 columns, found 12/);
    expect(r.errors[2]!.reason).toMatch(/birthDate/);
  });

  it('reports bad JSON aliases and CSV syntax errors', () => {
    const bad = parseWatchlistCsv('id,type,surname,givenNames,aliases,category,action\np1,person,A,B,[oops,c,alert\n');
    expect(bad).toMatchObject({ ok: false, errors: [{ line: 2, reason: expect.stringMatching(/aliases/) }] });
    const syntax = parseWatchlistCsv('id,type,category,action,issuingState,documentNumber\nd1,document,"stolen,deny,KGZ,1\n');
    expect(syntax.ok).toBe(false);
  });
});
