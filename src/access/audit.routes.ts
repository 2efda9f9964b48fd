// HTTP mapping of the audit log (admins).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { errorSchema } from '../http/replies.ts';
import { actorOf } from './access.plugin.ts';
import { listAudit } from './audit.service.ts';

export const auditEntrySchema = z.object({
  id: z.coerce.number(),
  at: z.date(),
  actor: z.string(),
  actor_kind: z.string(),
  via: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  subject: z.string(),
  purpose: z.string().nullable(),
  query: z.unknown(),
  scope: z.array(z.string()).nullable(),
  period: z.string().nullable(),
  row_count: z.number().nullable(),
  people: z.coerce.number(),
});

export const auditRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get(
    '/audit',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: z.object({
          actor: z.string().optional(),
          since: z.coerce.date().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: {
          200: z.array(auditEntrySchema),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => listAudit(database.db, actorOf(request), request.query),
  );
};
