// The door of the HTTP API. Every route declares an access policy in its
// config; this plugin finds the caller (session cookie or bearer token),
// answers 401 / 403 before the handler runs, checks the CSRF token of
// cookie-authenticated changes, and refuses, closed, any route that declared
// no policy at all. Handlers get `request.actor`, and pass it on to services.
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/database.ts';
import { normaliseRegionCode } from '../regions/codes.ts';
import type { Actor } from './actor.ts';
import {
  type AuthSettings,
  actorFromSession,
  actorFromToken,
  csrfMatches,
  type SessionActor,
} from './auth.service.ts';
import { isAllowedAnywhere, narrow, type Permission, scopeOf } from './roles.policy.ts';

export type AccessPolicy =
  /** Anyone, logged in or not (health, login, the API documentation). */
  | { public: true }
  /** Any logged-in user or token, whatever their grants (who am I, logout). */
  | { authenticated: true }
  /**
   * Users holding the permission somewhere; with `region`, on the region the
   * request names (checked after validation, on the parsed request).
   */
  | {
      permission: Permission | ((request: FastifyRequest) => Permission);
      region?: (request: FastifyRequest) => string | undefined;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessPolicy;
  }
  interface FastifyInstance {
    /** Every route registered, with its access policy (none: refused at runtime). */
    accessRoutes: RouteAccess[];
  }
  interface FastifyRequest {
    /** The caller; set for every route that is not public. */
    actor: Actor | null;
    session: SessionActor | null;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: AccessPolicy | undefined;
}

export const SESSION_COOKIE = 'pesiar_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An access policy's region read from a query parameter (`within`, `region`). */
export const regionInQuery =
  (name: string) =>
  (request: FastifyRequest): string | undefined =>
    (request.query as Record<string, string | undefined>)[name];

/** The caller, for handlers of non-public routes (the plugin has refused anonymous ones). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf: route has no caller (is it public?)');
  return request.actor;
}

export const accessPlugin = fp<{
  database: Database;
  auth: AuthSettings;
  publicPrefixes: string[];
}>(
  async (app: FastifyInstance, { database, auth, publicPrefixes }) => {
    await app.register(fastifyCookie);
    app.decorateRequest('actor', null);
    app.decorateRequest('session', null);

    const routes: RouteAccess[] = [];
    app.decorate('accessRoutes', routes);
    // Plugin routes (the API documentation) cannot declare a policy: they get one here.
    app.addHook('onRoute', (route) => {
      if (!route.config?.access && publicPrefixes.some((p) => route.url.startsWith(p))) {
        route.config = { ...route.config, access: { public: true } };
      }
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        routes.push({ method, url: route.url, access: route.config?.access });
      }
    });

    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.url === undefined) return; // 404: no route
      const policy = request.routeOptions.config.access;
      if (!policy) {
        request.log.error({ route: request.routeOptions.url }, 'route without access policy');
        return deny(reply, 403, 'this route declares no access policy; refused');
      }
      // Public routes (health probes, login, documentation) need no caller: no lookup.
      if ('public' in policy) return;
      await identify(request);
      if (!request.actor) return deny(reply, 401, 'log in first (or send a bearer token)');
      if (request.session && !SAFE_METHODS.has(request.method)) {
        const given = request.headers[CSRF_HEADER];
        if (
          !csrfMatches(request.session.csrfToken, typeof given === 'string' ? given : undefined)
        ) {
          return deny(reply, 403, `CSRF token missing or wrong (send the ${CSRF_HEADER} header)`);
        }
      }
    });

    app.addHook('preHandler', async (request, reply) => {
      const policy = request.routeOptions.config.access;
      if (!policy || !('permission' in policy)) return;
      const actor = actorOf(request);
      const permission =
        typeof policy.permission === 'function' ? policy.permission(request) : policy.permission;
      const scope = scopeOf(actor.grants, permission);
      if (!isAllowedAnywhere(scope)) return deny(reply, 403, `not allowed: ${permission}`);
      const region = policy.region?.(request);
      if (region === undefined) return;
      const code = normaliseRegionCode(region)?.code ?? region;
      if (narrow(scope, code) === null) {
        return deny(reply, 403, `region ${region}: outside your area`);
      }
    });

    async function identify(request: FastifyRequest) {
      const header = request.headers.authorization;
      if (typeof header === 'string' && /^bearer /i.test(header)) {
        request.actor = await actorFromToken(database.db, auth, header.slice(7).trim(), request.ip);
        return;
      }
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const session = await actorFromSession(database.db, auth, cookie, request.ip);
        request.session = session;
        request.actor = session?.actor ?? null;
      }
    }
  },
  { name: 'pesiar-access' },
);

function deny(reply: FastifyReply, status: 401 | 403, error: string) {
  return reply.code(status).send({ error });
}
