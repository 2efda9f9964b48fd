// HTTP mapping of the Kemendagri hierarchy: search by name or code, and one
// region with its parents and what lies below it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { errorSchema } from '../http/replies.ts';
import {
  findRegionsQuerySchema,
  regionCodeParamSchema,
  regionDetailSchema,
  regionViewSchema,
} from './regions.schema.ts';
import { findRegions, showRegion } from './regions.service.ts';

export const regionsRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get(
    '/regions',
    {
      config: { access: { permission: 'regions:read' } },
      schema: {
        tags: ['regions'],
        summary: 'Find regions by name or code',
        description:
          'A name (any case, partial words) ranked by similarity, or a code (dotted or plain) for that one region. Each result carries its parent chain.',
        querystring: findRegionsQuerySchema,
        response: { 200: z.array(regionViewSchema), 400: errorSchema },
      },
    },
    async (request) => {
      const { q, level, limit } = request.query;
      return findRegions(database.db, q, { level, limit });
    },
  );

  app.get(
    '/regions/:code',
    {
      config: { access: { permission: 'regions:read' } },
      schema: {
        tags: ['regions'],
        summary: 'Show one region with its parents and counts of the regions below it',
        params: z.object({ code: regionCodeParamSchema }),
        response: { 200: regionDetailSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const region = await showRegion(database.db, request.params.code);
      if (!region)
        return reply.code(404).send({ error: `region ${request.params.code}: not found` });
      return region;
    },
  );
};
