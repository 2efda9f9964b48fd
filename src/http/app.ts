// The Fastify app: every feature's routes mounted under /api/v1, validated and
// serialised through their Zod schemas, documented at /api/docs. This page is
// the map of the HTTP API; each feature's *.routes.ts holds the detail.
import { createRequire } from 'node:module';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  ResponseSerializationError,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { accessPlugin } from '../access/access.plugin.ts';
import { auditRoutes } from '../access/audit.routes.ts';
import { authRoutes } from '../access/auth.routes.ts';
import { type AuthSettings, DEFAULT_AUTH, PasswordRefused } from '../access/auth.service.ts';
import { AccessDenied, NotAuthenticated, TooManyAttempts } from '../access/errors.ts';
import { UserRequestError } from '../access/users.service.ts';
import { complianceRoutes } from '../compliance/compliance.routes.ts';
import { forumRoutes } from '../compliance/forum.routes.ts';
import type { Database } from '../db/database.ts';
import { agentsRoutes } from '../fieldwork/agents.routes.ts';
import { proposalsRoutes } from '../fieldwork/proposals.routes.ts';
import { visitsRoutes } from '../fieldwork/visits.routes.ts';
import { importsRoutes } from '../imports/imports.routes.ts';
import { ImportFileError } from '../imports/imports.service.ts';
import { indicatorsRoutes } from '../indicators/indicators.routes.ts';
import { reconcileRoutes } from '../reconcile/reconcile.routes.ts';
import { regionsRoutes } from '../regions/regions.routes.ts';
import { registersRoutes } from '../registers/registers.routes.ts';
import { healthRoutes } from './health.routes.ts';

export interface AppDeps {
  database: Database;
  /** Where the rejects CSVs of imports go (and are served from). */
  rejectsDir: string;
  /** false (default) for silence, true or pino options to log. */
  logger?: boolean | Exclude<FastifyServerOptions['logger'], boolean | undefined>;
  /** Largest accepted upload; 1 GiB unless a test needs to reach the limit. */
  maxFileBytes?: number;
  /** Session lifetimes, login throttling, the clock (tests move it). */
  auth?: Partial<AuthSettings>;
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto (client IP, Secure cookies). */
  trustProxy?: boolean;
}

const API_PREFIX = '/api/v1';
const GiB = 1024 ** 3;
// JSON bodies are small (a login, a filter); files go through multipart.
const JSON_BODY_LIMIT = 64 * 1024;

function pesiarVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { database, rejectsDir } = deps;
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: deps.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  const auth: AuthSettings = { ...DEFAULT_AUTH, ...deps.auth };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `${request.method} ${pathOf(request.url)}: no such route` }),
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Pesiar API',
        version: pesiarVersion(),
        description:
          'Village-level JKN coverage drives: regions, monthly imports and (later) reconciliation, indicators and fieldwork.',
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'access', description: 'Logging in and out' },
        { name: 'registers', description: 'The population register and the membership extract' },
        { name: 'audit', description: 'Who read what: the audit log and data-subject reports' },
        { name: 'regions', description: 'The Kemendagri hierarchy' },
        {
          name: 'indicators',
          description: 'Coverage, activity and UHC status per region and month; rankings, trends',
        },
        {
          name: 'reconcile',
          description: 'Petakan: the monthly linkage, its review queue and its results',
        },
        {
          name: 'fieldwork',
          description:
            'Sisir, Advokasi, Registrasi: agents, worklists, visits, outreach, proposals',
        },
        {
          name: 'compliance',
          description: 'Employers with unregistered or stopped workers; sanctions-ladder cases',
        },
        { name: 'forum', description: 'Forum meetings and their follow-up actions' },
        {
          name: 'imports',
          description: 'Monthly files in: population, membership, population figures',
        },
      ],
    },
    transform: documentUploads,
  });
  // Security headers on every answer. The API never renders in a frame; the
  // documentation page's own scripts and styles are allowed by hash (staticCSP).
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(accessPlugin, { database, auth, publicPrefixes: ['/api/docs'] });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.maxFileBytes ?? GiB, files: 1, fields: 20 },
  });

  await app.register(healthRoutes, { prefix: API_PREFIX, database });
  await app.register(regionsRoutes, { prefix: API_PREFIX, database });
  await app.register(importsRoutes, { prefix: API_PREFIX, database, rejectsDir });
  await app.register(authRoutes, { prefix: API_PREFIX, database, auth });
  await app.register(registersRoutes, { prefix: API_PREFIX, database });
  await app.register(auditRoutes, { prefix: API_PREFIX, database });
  await app.register(reconcileRoutes, { prefix: API_PREFIX, database });
  await app.register(complianceRoutes, { prefix: API_PREFIX, database });
  await app.register(forumRoutes, { prefix: API_PREFIX, database });
  await app.register(agentsRoutes, { prefix: API_PREFIX, database });
  await app.register(visitsRoutes, { prefix: API_PREFIX, database });
  await app.register(proposalsRoutes, { prefix: API_PREFIX, database });
  await app.register(indicatorsRoutes, { prefix: API_PREFIX, database });

  await app.ready();
  return app;
}

/**
 * One shape for every error: `{ error: 'field: message' }`. Server faults
 * are logged (without the request body) and answered without detail.
 */
function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const field =
      issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
      error.validationContext ||
      'request';
    return reply.code(400).send({ error: `${field}: ${issue?.message ?? 'invalid'}` });
  }
  if (error instanceof ImportFileError) return reply.code(422).send({ error: error.message });
  if (error instanceof NotAuthenticated) return reply.code(401).send({ error: error.message });
  if (error instanceof AccessDenied) return reply.code(403).send({ error: error.message });
  if (error instanceof TooManyAttempts) {
    return reply
      .code(429)
      .header('retry-after', String(error.retryAfter))
      .send({ error: error.message });
  }
  if (error instanceof PasswordRefused || error instanceof UserRequestError) {
    return reply.code(400).send({ error: error.message });
  }
  if (error instanceof ResponseSerializationError) {
    request.log.error(
      { err: summarise(error), issues: error.cause.issues },
      'response does not match its schema',
    );
    return reply.code(500).send({ error: 'internal server error' });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return reply.code(status).send({ error: error.message });
  request.log.error({ err: summarise(error) }, 'request failed');
  return reply.code(500).send({ error: 'internal server error' });
}

// Only these fields: drivers attach others (a PostgreSQL error's `detail`
// quotes the offending row) that may hold personal data.
function summarise(error: Error & { code?: string }) {
  return { type: error.name, code: error.code, message: error.message, stack: error.stack };
}

const pathOf = (url: string) => url.split('?', 1)[0] ?? url;

function loggerOptions(logger: AppDeps['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    serializers: {
      // The path without its query string: queries may one day carry a NIK
      // or a name. Headers and bodies are never logged.
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: pathOf(request.url),
        remoteAddress: request.ip,
      }),
      ...base.serializers,
    },
  };
}

/**
 * The Zod transform, plus a request body for upload routes: a multipart body
 * is read as a stream by the handler, so it has no Zod schema to document.
 */
const documentUploads: typeof jsonSchemaTransform = (input) => {
  const output = jsonSchemaTransform(input);
  const consumes = (input.schema as { consumes?: unknown } | undefined)?.consumes;
  if (Array.isArray(consumes) && consumes.includes('multipart/form-data') && !output.schema.body) {
    output.schema = {
      ...output.schema,
      body: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary', description: 'CSV or XLSX' } },
      },
    };
  }
  return output;
};
