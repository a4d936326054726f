import { z } from 'zod';
import { callerName } from '../auth/roles.js';
import type { ApiBuilder } from './api-builder.js';
import type { ApiDeps } from './api-deps.js';

const AuditQuery = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AuditEntryView = z.object({
  seq: z.int(),
  tsMs: z.int(),
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  purpose: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export const AuditVerifyReply = z.object({ ok: z.boolean(), checked: z.int(), firstBadId: z.int().optional(), reason: z.enum(['chain', 'truncated', 'checkpoint']).optional() });

/** The audit log for auditors: read and verify (both audited themselves). */
export function registerAuditRoutes(api: ApiBuilder, d: ApiDeps): void {
  api.route(
    { method: 'get', audit: 'self', path: '/audit', tag: 'audit', summary: 'Audit entries, newest first', query: AuditQuery, response: z.object({ total: z.int(), entries: z.array(AuditEntryView) }) },
    ({ caller, query }) => {
      const out = d.audit.list({
        actor: query.actor,
        action: query.action,
        fromMs: query.from === undefined ? undefined : Date.parse(query.from),
        toMs: query.to === undefined ? undefined : Date.parse(query.to),
        limit: query.limit,
        offset: query.offset,
      });
      d.audit.append({ actor: callerName(caller!), role: 'auditor', action: 'audit.read', details: { actor: query.actor ?? null, action: query.action ?? null, offset: query.offset } });
      return out;
    },
  );
  api.route({ method: 'get', audit: 'self', path: '/audit/verify', tag: 'audit', summary: 'Recompute the whole hash chain and check signed checkpoints', response: AuditVerifyReply }, ({ caller }) => {
    const result = d.audit.verify();
    d.audit.append({ actor: callerName(caller!), role: 'auditor', action: 'audit.verify', details: { ...result } });
    return result;
  });
}
