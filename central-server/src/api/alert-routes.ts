import { z } from 'zod';
import { callerName } from '../auth/roles.js';
import type { ApiBuilder } from './api-builder.js';
import type { ApiDeps } from './api-deps.js';

export const AlertView = z.object({
  id: z.int(),
  kind: z.enum(['crossing-hit', 'retro-hit', 'sync-conflict', 'sync-gap', 'security']),
  createdAt: z.iso.datetime(),
  checkpointId: z.string().nullable(),
  crossingId: z.string().nullable(),
  entryId: z.string().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
});
const ListQuery = z.object({
  open: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Alerts for admins (and auditors, read-only). */
export function registerAlertRoutes(api: ApiBuilder, d: ApiDeps): void {
  api.route(
    { method: 'get', path: '/alerts', tag: 'alerts', summary: 'Alerts, newest first', query: ListQuery, response: z.object({ total: z.int(), alerts: z.array(AlertView) }) },
    ({ query }) => d.alerts.list({ open: query.open === undefined ? undefined : query.open === 'true', limit: query.limit, offset: query.offset }),
  );
  api.route(
    { method: 'post', audit: 'self', path: '/alerts/:id/ack', tag: 'alerts', summary: 'Acknowledge an alert', params: z.object({ id: z.coerce.number().int().positive() }), response: AlertView },
    ({ caller, params }) => {
      const a = d.alerts.acknowledge(params.id, callerName(caller!));
      d.audit.append({ actor: callerName(caller!), role: 'admin', action: 'alert.ack', target: String(params.id) });
      d.realtime.alertUpdated(a);
      return a;
    },
  );
}
