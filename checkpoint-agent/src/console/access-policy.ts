import { AspkError } from '@aspk/shared';
import type { OfficerRole } from '../store/officer-store.js';

export type Caller = OfficerRole | 'anonymous';

/**
 * Deny by default (reliability-security.md §4.3): every HTTP route and every socket.io event of the
 * console is listed here with the roles allowed. A test enumerates the registered routes and handlers
 * and fails on any without an entry.
 */
export const ROUTE_POLICY: Readonly<Record<string, readonly Caller[]>> = {
  'GET /api/health': ['anonymous', 'officer', 'supervisor'],
  'POST /api/auth/login': ['anonymous', 'officer', 'supervisor'],
  'POST /api/auth/logout': ['officer', 'supervisor'],
  'GET /api/auth/me': ['officer', 'supervisor'],
  'GET /api/inspections': ['officer', 'supervisor'],
  'GET /api/inspections/:id': ['officer', 'supervisor'],
  'POST /api/inspections/:id/decision': ['officer', 'supervisor'],
  'POST /api/inspections/:id/retry': ['officer', 'supervisor'],
  'POST /api/lanes/:laneId/direction': ['officer', 'supervisor'],
  'POST /api/lanes/:laneId/manual': ['officer', 'supervisor'],
  'GET /api/metrics': ['officer', 'supervisor'],
  'GET /api/audit/verify': ['supervisor'],
};

export const EVENT_POLICY: Readonly<Record<string, readonly Caller[]>> = {
  'decision:submit': ['officer', 'supervisor'],
  'lane:direction': ['officer', 'supervisor'],
  'mrz:submit': ['officer', 'supervisor'],
  'crossing:retry': ['officer', 'supervisor'],
  'inspections:list': ['officer', 'supervisor'],
  'status:get': ['officer', 'supervisor'],
};

/** Throws `AUTH_REQUIRED` (no session) or `FORBIDDEN` unless `caller` may use `key`; unknown keys are denied. */
export function authorize(table: Readonly<Record<string, readonly Caller[]>>, key: string, caller: Caller): void {
  const allowed = table[key];
  if (allowed === undefined) throw new AspkError('FORBIDDEN', 'no access policy for this operation', { key });
  if (allowed.includes(caller)) return;
  if (caller === 'anonymous') throw new AspkError('AUTH_REQUIRED', 'log in first');
  throw new AspkError('FORBIDDEN', 'your role may not do this');
}
