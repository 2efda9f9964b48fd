// HTTP mapping of logging in and out, who am I, and changing one's password.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { errorSchema } from '../http/replies.ts';
import { actorOf, SESSION_COOKIE } from './access.plugin.ts';
import { type AuthSettings, changePassword, login, logout } from './auth.service.ts';
import { fullIdentifierScope, mayAnywhere, PERMISSIONS, type Permission } from './roles.policy.ts';

const grantSchema = z.object({
  role: z.enum(['admin', 'provinsi', 'pemda', 'bpjs', 'operator_desa', 'agen']),
  region: z.string().nullable(),
});

export const meSchema = z.object({
  name: z.string(),
  kind: z.enum(['user', 'token', 'system']),
  grants: z.array(grantSchema),
  permissions: z.array(z.string()),
  /** Where NIK and noka are shown in full: 'everywhere', or region codes. */
  fullIdentifiers: z.union([z.literal('everywhere'), z.array(z.string())]),
  csrfToken: z.string().nullable(),
});

const loginBodySchema = z.object({
  name: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export const authRoutes: FastifyPluginAsyncZod<{ database: Database; auth: AuthSettings }> = async (
  app,
  { database, auth },
) => {
  const me = (request: Parameters<typeof actorOf>[0], csrfToken: string | null) => {
    const actor = actorOf(request);
    const full = fullIdentifierScope(actor.grants);
    return {
      name: actor.name,
      kind: actor.kind,
      grants: [...actor.grants],
      permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
        mayAnywhere(actor.grants, p),
      ),
      fullIdentifiers: full.everywhere ? ('everywhere' as const) : full.prefixes,
      csrfToken,
    };
  };

  app.post(
    '/auth/login',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['access'],
        summary: 'Log in with name and password; sets the session cookie',
        body: loginBodySchema,
        response: { 200: meSchema, 400: errorSchema, 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const result = await login(database.db, auth, {
        name: request.body.name,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      request.actor = result.actor;
      reply.setCookie(SESSION_COOKIE, result.sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: result.expiresAt,
      });
      return me(request, result.csrfToken);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['access'],
        summary: 'End this session',
        response: { 204: z.null(), 401: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      if (request.session) await logout(database.db, auth, request.session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['access'],
        summary: 'Who is calling: grants, permissions, the CSRF token for changes',
        response: { 200: meSchema, 401: errorSchema },
      },
    },
    async (request) => me(request, request.session?.csrfToken ?? null),
  );

  app.post(
    '/auth/password',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['access'],
        summary: 'Change your password; every session of yours ends (log in again)',
        body: z.object({
          currentPassword: z.string().min(1).max(1000),
          newPassword: z.string().min(1).max(1000),
        }),
        response: { 204: z.null(), 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      await changePassword(
        database.db,
        auth,
        actorOf(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};
