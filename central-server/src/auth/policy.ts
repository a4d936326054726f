import type { Allowed } from './roles.js';

/**
 * THE access policy (reliability-security.md §4.3): every HTTP route id (`METHOD /path`) and every socket.io
 * event (`namespace event`) with the principals allowed. Deny by default: registering a route or handler
 * without an entry here throws at start-up, and a test enumerates the registered routes and handlers.
 */
export const ROUTE_POLICY: Readonly<Record<string, Allowed>> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'authenticated',
  'GET /api/v1/auth/me': 'authenticated',
  'GET /api/v1/openapi.json': 'public',

  'GET /api/v1/users': ['admin'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/:id': ['admin'],

  'GET /api/v1/checkpoints': ['admin', 'auditor'],
  'POST /api/v1/checkpoints': ['admin'],
  'POST /api/v1/checkpoints/:id/rotate': ['admin'],
  'POST /api/v1/checkpoints/:id/revoke': ['admin'],

  'GET /api/v1/alerts': ['admin', 'auditor'],
  'POST /api/v1/alerts/:id/ack': ['admin'],

  'GET /api/v1/watchlist/entries': ['admin', 'auditor'],
  'POST /api/v1/watchlist/entries': ['admin'],
  'GET /api/v1/watchlist/entries/:id': ['admin', 'auditor'],
  'PATCH /api/v1/watchlist/entries/:id': ['admin'],
  'DELETE /api/v1/watchlist/entries/:id': ['admin'],
  'POST /api/v1/watchlist/import': ['admin'],
  'GET /api/v1/watchlist/versions': ['admin', 'auditor'],
  'GET /api/v1/watchlist/proposals': ['admin', 'auditor'],
  'POST /api/v1/watchlist/proposals/:id/approve': ['admin'],
  'POST /api/v1/watchlist/proposals/:id/reject': ['admin'],
  'GET /api/v1/watchlist/key': ['admin', 'auditor'],

  'GET /api/v1/crossings': ['auditor'],
  'GET /api/v1/crossings/export.csv': ['auditor'],
  'GET /api/v1/crossings/stats': ['auditor'],
  'GET /api/v1/crossings/:id': ['auditor'],

  'GET /api/v1/audit': ['auditor'],
  'GET /api/v1/audit/verify': ['auditor'],

  'POST /api/v1/agent/crossings': ['agent'],
  'GET /api/v1/agent/watchlist/changes': ['agent'],
  'GET /api/v1/agent/watchlist/snapshot': ['agent'],
  'GET /api/v1/agent/officers': ['agent'],
};

/** socket.io events the server handles, by namespace. */
export const SOCKET_POLICY: Readonly<Record<string, Allowed>> = {
  '/agent agent:hello': ['agent'],
  '/agent agent:status': ['agent'],
  '/dashboard checkpoints:list': ['admin', 'auditor'],
  '/dashboard alerts:list': ['admin', 'auditor'],
  '/dashboard alert:ack': ['admin'],
};

/** True when the principal may call. */
export function allows(allowed: Allowed, principal: string | null): boolean {
  if (allowed === 'public') return true;
  if (principal === null) return false;
  if (allowed === 'authenticated') return principal !== 'agent';
  return (allowed as readonly string[]).includes(principal);
}
