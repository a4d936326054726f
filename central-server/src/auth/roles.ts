import { z } from 'zod';

/** Human roles at central (reliability-security.md §4.3). Officers work at agent consoles. */
export const Role = z.enum(['admin', 'auditor', 'officer']);
export type Role = z.infer<typeof Role>;

/** Who may call a route or event: a human role, the agent machine identity, or anyone (`public`). */
export type Principal = Role | 'agent';
export type Allowed = readonly Principal[] | 'public' | 'authenticated';

/** The authenticated caller of a request or socket. */
export type Caller =
  | { kind: 'user'; userId: number; username: string; role: Role; sessionIdHash: string }
  | { kind: 'agent'; checkpointId: string };

/** Name used in audit entries. */
export function callerName(c: Caller): string {
  return c.kind === 'user' ? c.username : `agent:${c.checkpointId}`;
}

export function callerRole(c: Caller): Principal {
  return c.kind === 'user' ? c.role : 'agent';
}
