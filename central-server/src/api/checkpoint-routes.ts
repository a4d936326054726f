import { z } from 'zod';
import { CheckpointId } from '@aspk/shared';
import { callerName } from '../auth/roles.js';
import type { ApiBuilder } from './api-builder.js';
import type { ApiDeps } from './api-deps.js';

export const CheckpointView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'revoked']),
  connected: z.boolean().describe('an agent socket is connected now'),
  lastSeenAt: z.iso.datetime().nullable(),
  lastBatchAt: z.iso.datetime().nullable().describe('central time of the last batch received'),
  lastSyncAt: z.string().nullable().describe('agent-reported time of its last acknowledged batch'),
  queued: z.int().nullable(),
  watchlistVersion: z.int().nullable(),
  watchlistStale: z.boolean().nullable(),
  lanes: z.record(z.string(), z.string()),
});
const CreateCheckpoint = z.strictObject({ id: CheckpointId, name: z.string().min(1).max(200) });
const IdParam = z.object({ id: CheckpointId });
const CredentialReply = z.object({ id: z.string(), credential: z.string().describe('shown once; store it in the agent configuration') });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Checkpoint list with health; enrolment, credential rotation and revocation for admins. */
export function registerCheckpointRoutes(api: ApiBuilder, d: ApiDeps): void {
  api.route(
    { method: 'get', path: '/checkpoints', tag: 'checkpoints', summary: 'Checkpoints with link state, last sync, queue and watchlist version', response: z.object({ checkpoints: z.array(CheckpointView), watchlistVersion: z.int() }) },
    () => ({ checkpoints: d.checkpoints.list().map(checkpointView), watchlistVersion: d.watchlist.head().version }),
  );

  api.route(
    { method: 'post', audit: 'self', path: '/checkpoints', tag: 'checkpoints', summary: 'Enrol a checkpoint; returns its credential once', body: CreateCheckpoint, response: CredentialReply },
    ({ res, caller, body }) => {
      const { credential } = d.checkpoints.add(body.id, body.name);
      d.audit.append({ actor: callerName(caller!), role: 'admin', action: 'checkpoint.enrol', target: body.id });
      res.status(201);
      return { id: body.id, credential };
    },
  );

  api.route(
    { method: 'post', audit: 'self', path: '/checkpoints/:id/rotate', tag: 'checkpoints', summary: 'Issue a new credential; the old one works for the overlap window', params: IdParam, response: CredentialReply },
    ({ caller, params }) => {
      const credential = d.checkpoints.rotate(params.id);
      d.audit.append({ actor: callerName(caller!), role: 'admin', action: 'checkpoint.rotate', target: params.id, details: { overlapH: d.config.credentialOverlapH } });
      return { id: params.id, credential };
    },
  );

  api.route(
    { method: 'post', audit: 'self', path: '/checkpoints/:id/revoke', tag: 'checkpoints', summary: 'Revoke a checkpoint: credentials deleted, live socket dropped', params: IdParam },
    ({ caller, params }) => {
      d.checkpoints.revoke(params.id);
      d.realtime.disconnectAgent(params.id);
      d.audit.append({ actor: callerName(caller!), role: 'admin', action: 'checkpoint.revoke', target: params.id });
      return { ok: true };
    },
  );
}

export function checkpointView(c: ReturnType<ApiDeps['checkpoints']['list']>[number]): z.infer<typeof CheckpointView> {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    connected: c.connected,
    lastSeenAt: iso(c.lastSeenMs),
    lastBatchAt: iso(c.lastBatchMs),
    lastSyncAt: c.lastSyncAt,
    queued: c.queued,
    watchlistVersion: c.watchlistVersion,
    watchlistStale: c.watchlistStale,
    lanes: c.lanes,
  };
}
