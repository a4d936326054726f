import { z } from 'zod';
import { AspkError, CrossingBatch, CrossingBatchAck, WatchlistChangesReply, WatchlistSnapshot } from '@aspk/shared';
import type { Caller } from '../auth/roles.js';
import type { ApiBuilder } from './api-builder.js';
import type { ApiDeps } from './api-deps.js';

/** Officers an agent may log in offline (hashes synced from central, reliability-security.md §4.1). */
export const AgentOfficers = z.object({
  officers: z.array(z.object({ username: z.string(), passwordHash: z.string(), disabled: z.boolean() })),
});

function agentId(c: Caller | null): string {
  if (c?.kind !== 'agent') throw new AspkError('FORBIDDEN', 'agent credential required');
  return c.checkpointId;
}

/** Machine routes for checkpoint agents (bearer = checkpoint credential). */
export function registerAgentRoutes(api: ApiBuilder, d: ApiDeps): void {
  api.route(
    { method: 'post', audit: 'none', path: '/agent/crossings', tag: 'agent', summary: 'Push a batch of crossings and decisions; reply after commit', body: CrossingBatch, response: CrossingBatchAck },
    ({ caller, body }) => {
      const id = agentId(caller);
      const r = d.ingest.ingest(id, body);
      d.checkpoints.updateHealth(id, { lastBatchMs: Date.now(), lastSeenMs: Date.now() });
      d.realtime.afterIngest(id, r);
      return r.ack;
    },
  );

  api.route(
    {
      method: 'get',
      audit: 'none',
      path: '/agent/watchlist/changes',
      tag: 'agent',
      summary: 'Signed watchlist versions after `since`, with the signed head record',
      query: z.object({ since: z.coerce.number().int().min(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: WatchlistChangesReply,
    },
    ({ caller, query }) => {
      agentId(caller);
      return d.watchlist.changesSince(query.since, query.limit);
    },
  );

  api.route(
    { method: 'get', audit: 'none', path: '/agent/watchlist/snapshot', tag: 'agent', summary: 'Signed snapshot of the whole list at the current version', response: WatchlistSnapshot },
    ({ caller }) => {
      agentId(caller);
      return d.watchlist.snapshot();
    },
  );

  api.route({ method: 'get', audit: 'none', path: '/agent/officers', tag: 'agent', summary: 'Officer accounts (scrypt hashes) for offline login at the console', response: AgentOfficers }, ({ caller }) => {
    agentId(caller);
    return { officers: d.users.list('officer').map((u) => ({ username: u.username, passwordHash: u.passwordHash, disabled: u.disabled })) };
  });
}
