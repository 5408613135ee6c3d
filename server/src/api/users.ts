import { z } from 'zod';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { audit, reply, route, sessionOf } from './route.ts';
import { Ok, SessionView, UserCreate, UserPatch, UserView } from './schemas.ts';

const TAG = 'users';
const auth = {
  401: { description: 'Not logged in', schema: ErrorBody },
  403: { description: 'Only admins manage users', schema: ErrorBody },
};

export const createUser = route({
  method: 'POST',
  path: '/api/users',
  tag: TAG,
  summary: 'Create a user with a role',
  access: 'users.manage',
  body: UserCreate,
  responses: {
    201: { description: 'Created', schema: UserView },
    400: { description: 'Invalid fields', schema: ErrorBody },
    409: { description: 'The username is taken', schema: ErrorBody },
    ...auth,
  },
  async handle(ctx) {
    const { username, password, role } = ctx.body;
    const user = await ctx.services.users.create(username, password, role);
    if (!user) {
      throw new ApiError('conflict', `user ${username} already exists`, [
        { path: 'username', message: 'already exists' },
      ]);
    }
    audit(ctx, 'user.create', `user:${username}`, { role });
    return reply(201, user);
  },
});

export const listUsers = route({
  method: 'GET',
  path: '/api/users',
  tag: TAG,
  summary: 'Every user',
  access: 'users.manage',
  responses: { 200: { description: 'Users', schema: z.array(UserView) }, ...auth },
  handle: (ctx) => reply(200, ctx.services.users.list()),
});

export const patchUser = route({
  method: 'PATCH',
  path: '/api/users/{username}',
  tag: TAG,
  summary:
    "Change a user's role, deactivate or reactivate them, or reset their password. Any change signs the user out everywhere.",
  access: 'users.manage',
  body: UserPatch,
  responses: {
    200: { description: 'The updated user', schema: UserView },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'No such user', schema: ErrorBody },
    409: { description: 'The change would leave no active admin', schema: ErrorBody },
    ...auth,
  },
  async handle(ctx) {
    const username = ctx.params.username!.toLowerCase();
    const { users, sessions, revoke } = ctx.services;
    const current = users.get(username);
    if (!current)
      throw new ApiError('not_found', `no user ${username}`, [{ path: 'username', message: 'not found' }]);
    const change = ctx.body;
    const losesAdmin =
      current.role === 'admin' &&
      current.active &&
      (change.active === false || (change.role && change.role !== 'admin'));
    if (losesAdmin && users.list().filter((u) => u.role === 'admin' && u.active).length <= 1) {
      throw new ApiError('conflict', 'this would leave no active admin', [
        { path: change.active === false ? 'active' : 'role', message: 'last active admin' },
      ]);
    }
    const updated = await users.update(username, change);
    // Role, activity and password all change what the user's tokens may do: sign them out.
    // An admin resetting their own password keeps the session that made the change.
    const self = sessionOf(ctx);
    if (username === self.username && change.active !== false && change.role === undefined) {
      for (const s of sessions.active(username)) {
        if (s.id !== self.id) {
          sessions.revoke(s.id);
          revoke.session(s.id);
        }
      }
    } else {
      sessions.revokeUser(username);
      revoke.user(username);
    }
    audit(ctx, 'user.update', `user:${username}`, {
      role: change.role,
      active: change.active,
      passwordReset: change.password !== undefined,
    });
    return reply(200, updated);
  },
});

export const listSessions = route({
  method: 'GET',
  path: '/api/sessions',
  tag: TAG,
  summary:
    'Active sessions (devices), most recently seen first, with their open sync connections; `username` narrows to one user',
  access: 'users.manage',
  query: z.object({ username: z.string().max(64).optional() }),
  responses: {
    200: { description: 'Sessions', schema: z.array(SessionView) },
    ...auth,
  },
  handle: (ctx) =>
    reply(
      200,
      ctx.services.sessions
        .active(ctx.query.username?.toLowerCase())
        .map((s) => ({ ...s, connections: ctx.services.connections.ofSession(s.id) })),
    ),
});

export const revokeSession = route({
  method: 'DELETE',
  path: '/api/sessions/{id}',
  tag: TAG,
  summary:
    "End a device's session: its access and refresh tokens stop working and its sync connections close with 4401",
  access: 'users.manage',
  responses: {
    200: { description: 'Revoked', schema: Ok },
    404: { description: 'No live session with this id', schema: ErrorBody },
    ...auth,
  },
  handle(ctx) {
    const id = ctx.params.id!;
    const { sessions, revoke } = ctx.services;
    const target = sessions.get(id);
    if (!target || !sessions.revoke(id, 'revoked by an admin')) {
      throw new ApiError('not_found', `no live session ${id}`, [{ path: 'id', message: 'not found' }]);
    }
    revoke.session(id);
    audit(ctx, 'session.revoke', `user:${target.username}`, { session: id, device: target.device });
    return reply(200, { ok: true });
  },
});
