// HTTP mapping of Advokasi: visits and outreach events, logged with the
// client's id (201 stored, 200 the same record again, 409 the same id with
// other content) and listed inside the caller's area.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, regionInQuery } from '../access/access.plugin.ts';
import type { Database } from '../db/database.ts';
import { errorSchema, refusals } from '../http/replies.ts';
import {
  outreachListQuerySchema,
  outreachListSchema,
  recordedOutreachSchema,
  recordedVisitSchema,
  recordOutreachSchema,
  recordVisitSchema,
  visitListQuerySchema,
  visitListSchema,
} from './visits.schema.ts';
import { listOutreach, listVisits, recordOutreach, recordVisit } from './visits.service.ts';

const desaOf = (request: FastifyRequest) => (request.body as { desa?: string } | undefined)?.desa;

export const visitsRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.post(
    '/visits',
    {
      config: { access: { permission: 'visits:write', region: desaOf } },
      schema: {
        tags: ['fieldwork'],
        summary:
          'Log a visit to a household of the worklist: 201 stored; 200 this id was already stored with the same content; 409 with other content',
        body: recordVisitSchema,
        response: {
          200: recordedVisitSchema,
          201: recordedVisitSchema,
          ...refusals,
          409: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await recordVisit(database.db, actorOf(request), request.body);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/visits',
    {
      config: { access: { permission: 'visits:read', region: regionInQuery('within') } },
      schema: {
        tags: ['fieldwork'],
        summary: 'Visits in your area (or `within`), newest first (audited)',
        querystring: visitListQuerySchema,
        response: { 200: visitListSchema, ...refusals },
      },
    },
    async (request) => listVisits(database.db, actorOf(request), request.query),
  );

  app.post(
    '/outreach',
    {
      config: { access: { permission: 'visits:write', region: desaOf } },
      schema: {
        tags: ['fieldwork'],
        summary:
          'Log an outreach event (sosialisasi): 201 stored; 200 the same again; 409 the same id with other content',
        body: recordOutreachSchema,
        response: {
          200: recordedOutreachSchema,
          201: recordedOutreachSchema,
          ...refusals,
          409: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await recordOutreach(database.db, actorOf(request), request.body);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/outreach',
    {
      config: { access: { permission: 'visits:read', region: regionInQuery('within') } },
      schema: {
        tags: ['fieldwork'],
        summary: 'Outreach events in your area (or `within`), newest first',
        querystring: outreachListQuerySchema,
        response: { 200: outreachListSchema, ...refusals },
      },
    },
    async (request) => listOutreach(database.db, actorOf(request), request.query),
  );
};
