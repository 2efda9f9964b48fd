// Liveness (the process answers) and readiness (it can reach its database),
// for a process supervisor or a load balancer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { databaseAnswers } from './health.service.ts';

const databaseKindSchema = z.enum(['pglite', 'postgres']);

export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get(
    '/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the server process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers a query',
        response: {
          200: z.object({ status: z.literal('ready'), database: databaseKindSchema }),
          503: z.object({ status: z.literal('unavailable'), database: databaseKindSchema }),
        },
      },
    },
    async (request, reply) => {
      try {
        await databaseAnswers(database);
        return { status: 'ready' as const, database: database.kind };
      } catch (error) {
        // The reason goes to the log only: it may name hosts or users.
        request.log.warn({ err: error }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable', database: database.kind });
      }
    },
  );
};
