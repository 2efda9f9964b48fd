// HTTP mapping of the indicators: the coverage report of a level, one
// region's page, and the months available. Counts, not people: every role
// reads them for every region (indicators:read), so no route names a region
// for the access check.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../access/access.plugin.ts';
import type { Database } from '../db/database.ts';
import { errorSchema, refusals } from '../http/replies.ts';
import {
  coverageQuerySchema,
  coverageReportSchema,
  periodsSchema,
  regionIndicatorsParamsSchema,
  regionIndicatorsQuerySchema,
  regionIndicatorsSchema,
} from './indicators.schema.ts';
import { availablePeriods, coverageReport, regionIndicators } from './indicators.service.ts';

export const indicatorsRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const db = database.db;

  app.get(
    '/indicators/coverage',
    {
      config: { access: { permission: 'indicators:read' } },
      schema: {
        tags: ['indicators'],
        summary: 'Coverage report: the regions of a level, ranked within their parent',
        description:
          'Raw counts and the three ratios (registered/population, active/registered, active/population; two decimals, never capped at 100), UHC status against the thresholds valid on the first day of the month, the gap to each threshold, the rank among siblings and the change from the month before.',
        querystring: coverageQuerySchema,
        response: { 200: coverageReportSchema, ...refusals },
      },
    },
    async (request) => coverageReport(db, actorOf(request), request.query),
  );

  app.get(
    '/indicators/regions/:code',
    {
      config: { access: { permission: 'indicators:read' } },
      schema: {
        tags: ['indicators'],
        summary:
          "One region's indicators: its children ranked, trend, segments, official vs verified",
        params: regionIndicatorsParamsSchema,
        querystring: regionIndicatorsQuerySchema,
        response: { 200: regionIndicatorsSchema, ...refusals, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const page = await regionIndicators(db, actorOf(request), {
        code,
        period: request.query.period,
      });
      if (!page) {
        return reply.code(404).send({
          error: `region ${code}: no indicators${request.query.period ? ` for ${request.query.period}` : ''}`,
        });
      }
      return page;
    },
  );

  app.get(
    '/indicators/periods',
    {
      config: { access: { permission: 'indicators:read' } },
      schema: {
        tags: ['indicators'],
        summary: 'The months that have indicators, oldest first',
        response: { 200: periodsSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => availablePeriods(db, actorOf(request)),
  );
};
