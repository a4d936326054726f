import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { z } from 'zod';
import { AspkError, WatchlistEntry, WatchlistEntryId } from '@aspk/shared';
import { callerName, callerRole, type Caller } from '../auth/roles.js';
import { validateWatchlistFile } from '../watchlist/watchlist-import.js';
import type { Actor } from '../watchlist/watchlist-service.js';
import type { ApiBuilder } from './api-builder.js';
import type { ApiDeps } from './api-deps.js';

const EntryView = z.object({ entry: WatchlistEntry, version: z.int(), updatedAt: z.iso.datetime() });
const ChangeReply = z.object({
  version: z.int().optional(),
  hash: z.string().optional(),
  entry: WatchlistEntry.optional(),
  proposalId: z.int().optional().describe('four-eyes on: the change waits for a second admin (HTTP 202)'),
  status: z.literal('pending').optional(),
});
const ListQuery = z.object({
  q: z.string().max(200).optional(),
  type: z.enum(['person', 'document']).optional(),
  action: z.enum(['alert', 'refer', 'deny', 'detain', 'protect']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const IdParam = z.object({ id: WatchlistEntryId });
const PatchBody = z.record(z.string(), z.unknown()).refine((o) => !('id' in o) && !('type' in o), 'id and type cannot be changed');
const ImportQuery = z.object({
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
  mode: z.enum(['upsert', 'replace']).default('upsert'),
  importId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
});
const ImportReply = z.object({ importId: z.string(), version: z.int().optional(), proposalId: z.int().optional(), added: z.int(), updated: z.int(), removed: z.int() });
const ProposalView = z.object({
  id: z.int(),
  action: z.string(),
  target: z.string(),
  opsCount: z.int(),
  details: z.record(z.string(), z.unknown()),
  proposer: z.string(),
  createdAt: z.iso.datetime(),
  status: z.enum(['pending', 'published', 'rejected']),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  version: z.int().nullable(),
});
const ProposalParam = z.object({ id: z.coerce.number().int().positive() });

/** With four-eyes on, a change answers 202 with the proposal awaiting a second admin. */
function proposed(res: Response, p: { id: number }): { proposalId: number; status: 'pending' } {
  res.status(202);
  return { proposalId: p.id, status: 'pending' };
}

const actorOf = (c: Caller | null): Actor => ({ name: callerName(c!), role: String(callerRole(c!)) });
const toView = (s: { entry: WatchlistEntry; version: number; updatedMs: number }) => ({ entry: s.entry, version: s.version, updatedAt: new Date(s.updatedMs).toISOString() });

/** Watchlist CRUD, search, history, bulk import (admins write; auditors read). */
export function registerWatchlistRoutes(api: ApiBuilder, d: ApiDeps): void {
  api.route(
    { method: 'get', audit: 'self', path: '/watchlist/entries', tag: 'watchlist', summary: 'Search entries (names folded like the matcher)', query: ListQuery, response: z.object({ total: z.int(), entries: z.array(EntryView), version: z.int() }) },
    ({ caller, query }) => {
      const r = d.watchlist.search(query);
      d.audit.append({
        actor: callerName(caller!),
        role: String(callerRole(caller!)),
        action: 'watchlist.search',
        details: { q: query.q === undefined ? null : d.audit.pseudonym(query.q), type: query.type ?? null, action: query.action ?? null, results: r.total },
      });
      return { total: r.total, entries: r.entries.map(toView), version: d.watchlist.head().version };
    },
  );

  api.route(
    { method: 'post', audit: 'self', path: '/watchlist/entries', tag: 'watchlist', summary: 'Add an entry (one signed version)', body: WatchlistEntry, response: ChangeReply },
    ({ res, caller, body }) => {
      if (d.config.fourEyes) return proposed(res, d.proposals.propose(d.watchlist.planCreate(body), actorOf(caller), 'watchlist.entry.create', body.id));
      const c = d.watchlist.create(body, actorOf(caller));
      res.status(201);
      return { version: c.header.version, hash: c.hash, entry: body };
    },
  );

  api.route(
    { method: 'get', audit: 'self', path: '/watchlist/entries/:id', tag: 'watchlist', summary: 'One entry with its version history', params: IdParam, response: EntryView.extend({ history: z.array(z.object({ version: z.int(), op: z.string(), issuedAt: z.string(), actor: z.string() })) }) },
    ({ caller, params }) => {
      const s = d.watchlist.get(params.id);
      if (s === null) throw new AspkError('NOT_FOUND', `no entry ${params.id}`);
      d.audit.append({ actor: callerName(caller!), role: String(callerRole(caller!)), action: 'watchlist.read', target: params.id });
      return { ...toView(s), history: d.watchlist.history(params.id) };
    },
  );

  api.route(
    { method: 'patch', audit: 'self', path: '/watchlist/entries/:id', tag: 'watchlist', summary: 'Change fields of an entry (null removes an optional field)', params: IdParam, body: PatchBody, response: ChangeReply },
    ({ res, caller, params, body }) => {
      if (d.config.fourEyes) return proposed(res, d.proposals.propose(d.watchlist.planUpdate(params.id, body), actorOf(caller), 'watchlist.entry.update', params.id));
      const c = d.watchlist.update(params.id, body, actorOf(caller));
      const op = c.ops[0];
      return { version: c.header.version, hash: c.hash, ...(op?.op === 'put' ? { entry: op.entry } : {}) };
    },
  );

  api.route(
    { method: 'delete', audit: 'self', path: '/watchlist/entries/:id', tag: 'watchlist', summary: 'Remove an entry (tombstone version)', params: IdParam, response: ChangeReply },
    ({ res, caller, params }) => {
      if (d.config.fourEyes) return proposed(res, d.proposals.propose(d.watchlist.planRemove(params.id), actorOf(caller), 'watchlist.entry.delete', params.id));
      const c = d.watchlist.remove(params.id, actorOf(caller));
      return { version: c.header.version, hash: c.hash };
    },
  );

  api.route(
    {
      method: 'post',
      audit: 'self', path: '/watchlist/import',
      tag: 'watchlist',
      summary: 'Atomic bulk import of JSON lines or CSV (request body is the file); progress over socket.io',
      query: ImportQuery,
      rawBody: true,
      response: ImportReply,
    },
    async ({ req, caller, query }) => {
      const text = typeof req.body === 'string' ? req.body : '';
      if (text.trim() === '') throw new AspkError('INPUT_INVALID', 'send the file as the request body (Content-Type text/plain, text/csv or application/x-ndjson)');
      const importId = query.importId ?? randomUUID();
      const userId = caller?.kind === 'user' ? caller.userId : null;
      const push = (phase: 'validating' | 'applying' | 'done' | 'failed', processed: number, total: number) => {
        if (userId !== null) d.realtime.importProgress(userId, { importId, phase, processed, total });
      };
      try {
        const entries = await validateWatchlistFile(text, query.format, (p, t) => push('validating', p, t));
        push('applying', entries.length, entries.length);
        const source = `${query.format}:${entries.length}`;
        if (d.config.fourEyes) {
          const plan = d.watchlist.planImport(entries, query.mode);
          const p = d.proposals.propose(plan.ops, actorOf(caller), 'watchlist.import', source, { mode: query.mode, added: plan.added, updated: plan.updated, removed: plan.removed });
          push('done', entries.length, entries.length);
          return { importId, proposalId: p.id, added: plan.added, updated: plan.updated, removed: plan.removed };
        }
        const r = d.watchlist.import(entries, query.mode, actorOf(caller), source);
        push('done', entries.length, entries.length);
        return { importId, version: r.change.header.version, added: r.added, updated: r.updated, removed: r.removed };
      } catch (e) {
        push('failed', 0, 0);
        d.audit.append({ actor: callerName(caller!), role: 'admin', action: 'watchlist.import.rejected', details: { format: query.format, errors: ((e as AspkError).details as { errors?: unknown[] } | undefined)?.errors?.length ?? null } });
        throw e;
      }
    },
  );

  api.route(
    {
      method: 'get',
      path: '/watchlist/versions',
      tag: 'watchlist',
      summary: 'Signed change log headers after a version',
      query: z.object({ since: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    },
    ({ query }) => {
      const r = d.watchlist.changesSince(query.since, query.limit);
      return { head: r.head, more: r.more, versions: r.changes.map((c) => ({ header: c.header, hash: c.hash, signature: c.signature })) };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/watchlist/proposals',
      tag: 'watchlist',
      summary: 'Four-eyes proposals, newest first',
      query: z.object({ status: z.enum(['pending', 'published', 'rejected']).optional() }),
      response: z.object({ fourEyes: z.boolean(), proposals: z.array(ProposalView) }),
    },
    ({ query }) => ({ fourEyes: d.config.fourEyes, proposals: d.proposals.list(query.status) }),
  );

  api.route(
    { method: 'post', audit: 'self', path: '/watchlist/proposals/:id/approve', tag: 'watchlist', summary: 'Approve (a second admin): sign and publish', params: ProposalParam, response: ChangeReply },
    ({ caller, params }) => {
      const c = d.proposals.approve(params.id, actorOf(caller));
      return { version: c.header.version, hash: c.hash };
    },
  );

  api.route(
    { method: 'post', audit: 'self', path: '/watchlist/proposals/:id/reject', tag: 'watchlist', summary: 'Reject a proposal (a second admin)', params: ProposalParam, response: ProposalView },
    ({ caller, params }) => d.proposals.reject(params.id, actorOf(caller)),
  );

  api.route(
    { method: 'get', path: '/watchlist/key', tag: 'watchlist', summary: "Central's public signing key for agents to pin", response: z.object({ publicKey: z.string(), keyId: z.string() }) },
    () => ({ publicKey: d.signingKey.publicKey, keyId: d.signingKey.keyId }),
  );
}
