/**
 * End to end: spawns `node checkpoint-agent/bin/aspk-agent.js inspect` with real stdin/stdout and checks
 * the contract of the foundation issue (one JSON object per document, in order; exit codes; --at;
 * --jsonl; --watchlist).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/aspk-agent.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const PU = ['PUUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F2606277<<<<<<<8'];
const BAD_CD = [TD3[0]!, TD3[1]!.replace('L898902C36', 'L898902C37')];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  objects: Record<string, any>[];
}

function inspect(args: string[], stdin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'inspect', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const objects = stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>);
      resolve({ code, stdout, stderr, objects });
    });
    child.stdin.end(stdin);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'aspk-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('aspk-agent inspect', () => {
  it('prints one object per blank-line separated document, in order, and exits 0 also for invalid ones', async () => {
    const input = [TD3.join('\r\n'), TD1.join('\n'), 'not an mrz', BAD_CD.join('\n'), PU.join('\n')].join('\n\n\n') + '\n';
    const r = await inspect(['--at', '2026-11-27'], input);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.objects.map((o) => [o['ok'], o['format']])).toEqual([
      [true, 'TD3'],
      [true, 'TD1'],
      [false, null],
      [false, 'TD3'],
      [true, 'TD2'],
    ]);
    expect(r.objects[0]!['document']).toMatchObject({
      documentCode: 'P<',
      issuingState: 'UTO',
      documentNumber: 'L898902C3',
      nationality: 'UTO',
      birthDate: '740812',
      expiryDate: '120415',
      sex: 'F',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      optionalData: 'ZE184226B',
    });
    expect(r.objects[1]!['document']).toMatchObject({ documentNumber: 'D23145890', optionalData: '', optionalData2: '' });
    expect(r.objects[2]!['document']).toBeNull();
    expect(r.objects[3]!['errors'].map((e: { code: string; field: string }) => [e.code, e.field])).toEqual([
      ['CHECK_DIGIT_MISMATCH', 'documentNumber'],
      ['CHECK_DIGIT_MISMATCH', 'composite'],
    ]);
    expect(r.objects[4]!['document']['documentCode']).toBe('PU');
  });

  it('judges expiry against --at: an expired well-formed document is ok with a warning', async () => {
    const [before, after] = await Promise.all([inspect(['--at', '2012-04-15'], TD3.join('\n')), inspect(['--at', '2012-04-16'], TD3.join('\n'))]);
    const codes = (o: Record<string, any>): string[] => o['warnings'].map((w: { code: string }) => w.code);
    expect(before.objects[0]).toMatchObject({ ok: true, document: { expired: false, age: 37 } });
    expect(codes(before.objects[0]!)).not.toContain('DOCUMENT_EXPIRED');
    expect(after.objects[0]).toMatchObject({ ok: true, document: { expired: true } });
    expect(codes(after.objects[0]!)).toContain('DOCUMENT_EXPIRED');
  });

  it('--jsonl: one JSON string per line; unreadable lines still get their object, in order', async () => {
    const input = [JSON.stringify(TD3.join('\n')), '{not json', '', JSON.stringify(42), JSON.stringify(TD1.join('\n'))].join('\n');
    const r = await inspect(['--jsonl', '--at', '2026-11-27'], input);
    expect(r.code).toBe(0);
    expect(r.objects.map((o) => [o['ok'], o['format'], o['errors'][0]?.code ?? null])).toEqual([
      [true, 'TD3', null],
      [false, null, 'INPUT_NOT_TEXT'],
      [false, null, 'INPUT_NOT_TEXT'],
      [true, 'TD1', null],
    ]);
  });

  it('exits 2 on usage errors and 3 on an unreadable watchlist, printing nothing on stdout', async () => {
    const usage = [['--bogus'], ['--at', '2026-02-30'], ['--at'], ['extra']];
    const runs = await Promise.all(usage.map((args) => inspect(args, TD3.join('\n'))));
    runs.forEach((r, i) => {
      expect([usage[i], r.code, r.stdout]).toEqual([usage[i], 2, '']);
      expect(r.stderr).toMatch(/inspect/);
    });
    const missing = await inspect(['--watchlist', join(dir, 'missing.jsonl')], TD3.join('\n'));
    expect([missing.code, missing.stdout]).toEqual([3, '']);
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"x"}\n');
    const bad = await inspect(['--watchlist', join(dir, 'bad.jsonl')], TD3.join('\n'));
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/line 1/);
  });

  it('--watchlist screens valid documents and lists hits best first', async () => {
    const file = join(dir, 'list.jsonl');
    writeFileSync(
      file,
      [
        { id: 'p1', type: 'person', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1974-08-12', category: 'wanted', action: 'detain' },
        { id: 'd1', type: 'document', issuingState: 'UTO', documentNumber: 'D23145890', category: 'stolen', action: 'deny' },
        { id: 'p2', type: 'person', surname: 'ZHAPAROV', givenNames: 'ASKAR', birthDate: '1985', category: 'wanted', action: 'alert' },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const r = await inspect(['--watchlist', file, '--at', '2026-11-27'], [TD1.join('\n'), BAD_CD.join('\n')].join('\n\n'));
    expect(r.code).toBe(0);
    const hits = r.objects[0]!['screening']['hits'] as { entryId: string; score: number; reasons: string[] }[];
    expect(hits.map((h) => h.entryId).sort()).toEqual(['d1', 'p1']);
    expect(hits.every((h, i) => i === 0 || hits[i - 1]!.score >= h.score)).toBe(true);
    expect(hits.every((h) => h.reasons.length > 0)).toBe(true);
    // An invalid document is not screened: its fields cannot be trusted.
    expect(r.objects[1]!['screening']).toEqual({ hits: [] });
  });
});
