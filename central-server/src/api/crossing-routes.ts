import { stringify } from 'csv-stringify';
import { z } from 'zod';
import { AspkError, ItemId } from '@aspk/shared';
import { callerName, type Caller } from '../auth/roles.js';
import { CrossingFilter, type CrossingView } from '../db/crossing-query.js';
import type { ApiBuilder } from './api-builder.js';
import type { ApiDeps } from './api-deps.js';

/** Why the auditor looks (recorded in the audit log with the search). */
const Purpose = z.string().trim().min(3, 'state the purpose of the search (at least 3 characters)').max(200);
const SearchQuery = CrossingFilter.extend({
  purpose: Purpose,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const ExportQuery = CrossingFilter.extend({ purpose: Purpose });
const StatsQuery = CrossingFilter.extend({ by: z.enum(['day', 'checkpoint', 'direction', 'nationality']).default('day') });

const CSV_COLUMNS: (keyof CrossingView)[] = [
  'id', 'checkpointId', 'lane', 'direction', 'agentWallTime', 'receivedAt', 'documentCode', 'issuingState', 'documentNumber',
  'nationality', 'birthDate', 'expiryDate', 'sex', 'surname', 'givenNames', 'mrzValid', 'verdict', 'decision', 'officer', 'decidedAt',
  'watchlistVersion', 'watchlistStale', 'clockFlags', 'alerts',
];

/**
 * What an auditor's search is recorded as: filter names and values, with personal values (document number,
 * name) as keyed pseudonyms — who looked up whom, without copying personal data into the log.
 */
function auditedFilter(d: ApiDeps, f: z.infer<typeof CrossingFilter>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...f };
  if (f.documentNumber !== undefined) out.documentNumber = d.audit.pseudonym(f.documentNumber.toUpperCase().replace(/[^A-Z0-9]/g, ''));
  if (f.name !== undefined) out.name = d.audit.pseudonym(f.name.toUpperCase());
  return out;
}

function filterOf<T extends Record<string, unknown>>(q: T): z.infer<typeof CrossingFilter> {
  const { purpose: _p, limit: _l, offset: _o, by: _b, ...f } = q as Record<string, unknown>;
  return f as z.infer<typeof CrossingFilter>;
}

const who = (c: Caller | null) => callerName(c!);

/** Crossing search, detail, CSV export and statistics for auditors; every read is audited. */
export function registerCrossingRoutes(api: ApiBuilder, d: ApiDeps): void {
  api.route(
    { method: 'get', audit: 'self', path: '/crossings', tag: 'crossings', summary: 'Search crossings (every search is audited with its purpose)', query: SearchQuery },
    ({ caller, query }) => {
      const f = filterOf(query);
      const r = d.crossings.search(f, query.limit, query.offset);
      d.audit.append({
        actor: who(caller),
        role: 'auditor',
        action: 'crossings.search',
        purpose: query.purpose,
        details: { filter: auditedFilter(d, f), total: r.total, offset: query.offset, returned: r.crossings.map((c) => c.id) },
      });
      return r;
    },
  );

  api.route(
    { method: 'get', audit: 'self', path: '/crossings/export.csv', tag: 'crossings', summary: 'Streamed CSV export of a search', query: ExportQuery, produces: 'text/csv' },
    async ({ res, caller, query }) => {
      const f = filterOf(query);
      const seq = d.audit.append({ actor: who(caller), role: 'auditor', action: 'crossings.export', purpose: query.purpose, details: { filter: auditedFilter(d, f) } });
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="crossings-${seq}.csv"`);
      const csv = stringify({ header: true, columns: CSV_COLUMNS as string[] });
      csv.pipe(res);
      // Rows are written as the cursor advances, pausing on back-pressure, so a large export never sits in memory.
      for (const page of d.crossings.pages(f)) {
        for (const row of page) {
          const flat = { ...row, clockFlags: row.clockFlags.join(' '), alerts: JSON.stringify(row.alerts) };
          if (!csv.write(flat)) await new Promise<void>((resolve) => csv.once('drain', resolve));
        }
      }
      csv.end();
      await new Promise<void>((resolve) => res.once('finish', resolve));
    },
  );

  api.route(
    {
      method: 'get',
      audit: 'self', path: '/crossings/stats',
      tag: 'crossings',
      summary: 'Counts per day, checkpoint, direction or nationality; small counts suppressed',
      query: StatsQuery,
      response: z.object({ by: z.string(), minCount: z.int(), cells: z.array(z.object({ key: z.string(), count: z.int().nullable(), suppressed: z.boolean() })) }),
    },
    ({ caller, query }) => {
      const f = filterOf(query);
      const cells = d.crossings.stats(query.by, f, d.config.statsMinCount);
      d.audit.append({ actor: who(caller), role: 'auditor', action: 'crossings.stats', details: { by: query.by, filter: auditedFilter(d, f) } });
      return { by: query.by, minCount: d.config.statsMinCount, cells };
    },
  );

  api.route(
    { method: 'get', audit: 'self', path: '/crossings/:id', tag: 'crossings', summary: 'One crossing with its decisions', params: z.object({ id: ItemId }), query: z.object({ purpose: Purpose }) },
    ({ caller, params, query }) => {
      const c = d.crossings.get(params.id);
      d.audit.append({ actor: who(caller), role: 'auditor', action: 'crossings.read', target: params.id, purpose: query.purpose, details: { found: c !== null } });
      if (c === null) throw new AspkError('NOT_FOUND', `no crossing ${params.id}`);
      return c;
    },
  );
}
