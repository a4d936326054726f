import { z } from 'zod';
import { AspkError } from '@aspk/shared';
import { Role, callerName } from '../auth/roles.js';
import type { ApiBuilder } from './api-builder.js';
import type { ApiDeps } from './api-deps.js';

export const Username = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, '1–64 letters, digits, . _ -');
/** Passwords: at least 12 characters (NIST SP 800-63B favours length over composition rules). */
export const Password = z.string().min(12, 'at least 12 characters').max(1024);
export const UserView = z.object({ id: z.int(), username: z.string(), role: Role, disabled: z.boolean(), createdAt: z.iso.datetime() });
const CreateUser = z.strictObject({ username: Username, role: Role, password: Password });
const PatchUser = z.strictObject({ role: Role.optional(), disabled: z.boolean().optional(), password: Password.optional() });
const IdParam = z.object({ id: z.coerce.number().int().positive() });

const view = (u: { id: number; username: string; role: z.infer<typeof Role>; disabled: boolean; createdMs: number }) => ({
  id: u.id,
  username: u.username,
  role: u.role,
  disabled: u.disabled,
  createdAt: new Date(u.createdMs).toISOString(),
});

/** User management for admins. A role change, disable or password change ends the user's sessions. */
export function registerUserRoutes(api: ApiBuilder, d: ApiDeps): void {
  api.route({ method: 'get', path: '/users', tag: 'users', summary: 'List users', response: z.object({ users: z.array(UserView) }) }, () => ({
    users: d.users.list().map(view),
  }));

  api.route({ method: 'post', audit: 'self', path: '/users', tag: 'users', summary: 'Create a user', body: CreateUser, response: UserView }, async ({ res, caller, body }) => {
    const u = d.users.add(body.username, body.role, await d.hasher.hash(body.password));
    d.audit.append({ actor: callerName(caller!), role: 'admin', action: 'user.create', target: u.username, details: { role: u.role } });
    res.status(201);
    return view(u);
  });

  api.route(
    { method: 'patch', audit: 'self', path: '/users/:id', tag: 'users', summary: 'Change role, disable, or reset password', params: IdParam, body: PatchUser, response: UserView },
    async ({ caller, params, body }) => {
      const before = d.users.byId(params.id);
      if (before === null) throw new AspkError('NOT_FOUND', `no user ${params.id}`);
      // An admin cannot lock themselves out of administration (another admin must do it).
      if (caller?.kind === 'user' && caller.userId === params.id && ((body.role !== undefined && body.role !== 'admin') || body.disabled === true)) {
        throw new AspkError('CONFLICT', 'you cannot demote or disable your own account');
      }
      const patch: { role?: z.infer<typeof Role>; disabled?: boolean; passwordHash?: string } = {};
      if (body.role !== undefined) patch.role = body.role;
      if (body.disabled !== undefined) patch.disabled = body.disabled;
      if (body.password !== undefined) patch.passwordHash = await d.hasher.hash(body.password);
      const u = d.users.update(params.id, patch);
      d.sessions.destroyForUser(u.id);
      d.realtime.disconnectUser(u.id);
      d.audit.append({
        actor: callerName(caller!),
        role: 'admin',
        action: 'user.update',
        target: u.username,
        details: { role: body.role ?? null, disabled: body.disabled ?? null, passwordReset: body.password !== undefined },
      });
      return view(u);
    },
  );
}
