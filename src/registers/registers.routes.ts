// HTTP mapping of the register and the extract: list, count, export, and one
// person by NIK. Every route names its permission and the region it reads;
// the access plugin refuses the rest before the handler runs.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, regionInQuery } from '../access/access.plugin.ts';
import type { Database } from '../db/database.ts';
import { refusals } from '../http/replies.ts';
import { EXPORT_CONTENT_TYPE } from '../reports/table-export.ts';
import {
  countResultSchema,
  exportQuerySchema,
  listQuerySchema,
  listResultSchema,
  nikParamsSchema,
  personResultSchema,
  registerFilterSchema,
} from './registers.schema.ts';
import {
  countPeople,
  exportPeople,
  findPerson,
  listPeople,
  type PersonTable,
  personReport,
} from './registers.service.ts';

const TITLES: Record<PersonTable, string> = {
  residents: 'population register',
  members: 'membership extract',
};

export const registersRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const db = database.db;
  for (const table of ['residents', 'members'] as const) {
    app.get(
      `/${table}`,
      {
        config: { access: { permission: 'persons:read', region: regionInQuery('region') } },
        schema: {
          tags: ['registers'],
          summary: `People in the ${TITLES[table]} of your area (a page)`,
          querystring: listQuerySchema,
          response: { 200: listResultSchema, ...refusals },
        },
      },
      async (request) => {
        const { limit, offset, ...filter } = request.query;
        return listPeople(db, actorOf(request), table, filter, { limit, offset });
      },
    );

    app.get(
      `/${table}/count`,
      {
        config: { access: { permission: 'persons:read', region: regionInQuery('region') } },
        schema: {
          tags: ['registers'],
          summary: `How many people the ${TITLES[table]} holds in your area`,
          querystring: registerFilterSchema,
          response: { 200: countResultSchema, ...refusals },
        },
      },
      async (request) => countPeople(db, actorOf(request), table, request.query),
    );

    app.get(
      `/${table}/export`,
      {
        config: { access: { permission: 'persons:export', region: regionInQuery('region') } },
        schema: {
          tags: ['registers'],
          summary: `The ${TITLES[table]} of your area as CSV or XLSX (recorded in the audit log)`,
          querystring: exportQuerySchema,
          response: {
            200: { description: 'The file', content: { 'text/csv': { schema: z.string() } } },
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const { format, ...filter } = request.query;
        const file = await exportPeople(db, actorOf(request), table, filter, format);
        // Untyped reply: the schema documents the body as a string; it goes out as a stream.
        return (reply as FastifyReply)
          .type(EXPORT_CONTENT_TYPE[format])
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('x-row-count', String(file.count))
          .send(file.stream);
      },
    );
  }

  app.get(
    '/persons/:nik',
    {
      config: { access: { permission: 'persons:read' } },
      schema: {
        tags: ['registers'],
        summary: 'One person, by NIK, in the register and the extract of your area, every month',
        params: nikParamsSchema,
        querystring: z.object({ purpose: z.string().min(3).max(200).optional() }),
        response: { 200: personResultSchema, ...refusals },
      },
    },
    async (request) => findPerson(db, actorOf(request), request.params.nik, request.query.purpose),
  );

  app.get(
    '/persons/:nik/report',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        summary:
          'Data-subject report (UU 27/2022): what Pesiar holds about one person and every access to it',
        params: nikParamsSchema,
        response: {
          200: personResultSchema.extend({
            nik: z.string(),
            accesses: z.array(z.record(z.string(), z.unknown())),
          }),
          ...refusals,
        },
      },
    },
    async (request) => personReport(db, actorOf(request), request.params.nik),
  );
};
