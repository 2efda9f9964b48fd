// HTTP mapping of Petakan: run a reconciliation, read its runs, the review
// queue and its decisions, and the exports of its results.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, regionInQuery } from '../access/access.plugin.ts';
import type { Database } from '../db/database.ts';
import { refusals } from '../http/replies.ts';
import { exportStream } from '../reports/table-export.ts';
import { PERIOD, reconcileRequestSchema, reviewDecisionSchema } from './reconcile.schema.ts';
import { listRuns, runReconciliation } from './reconcile.service.ts';
import { decideReview, exportResults, listReviewQueue } from './review.service.ts';

const loose = z.record(z.string(), z.unknown());

export const reconcileRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.post(
    '/reconcile/runs',
    {
      config: {
        access: {
          permission: 'reconcile:run',
          region: (request) => (request.body as { within?: string } | undefined)?.within,
        },
      },
      schema: {
        tags: ['reconcile'],
        summary: "Run the month's reconciliation for a region of your area (one transaction)",
        body: reconcileRequestSchema,
        response: { 200: loose, ...refusals },
      },
    },
    async (request) => runReconciliation(database, actorOf(request), request.body) as never,
  );

  app.get(
    '/reconcile/runs',
    {
      config: { access: { permission: 'reconcile:run' } },
      schema: {
        tags: ['reconcile'],
        summary: 'Recent runs: when, who, scope, settings and summary',
        querystring: z.object({
          period: PERIOD.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ runs: z.array(loose) }), ...refusals },
      },
    },
    async (request) => ({
      runs: (await listRuns(database, actorOf(request), request.query)) as never[],
    }),
  );

  app.get(
    '/reconcile/review',
    {
      config: { access: { permission: 'reconcile:review', region: regionInQuery('within') } },
      schema: {
        tags: ['reconcile'],
        summary: 'The review queue: uncertain pairs side by side, field by field',
        querystring: z.object({
          period: PERIOD,
          within: z.string().min(2).max(13).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({ total: z.number(), pairs: z.array(loose) }),
          ...refusals,
        },
      },
    },
    async (request) => {
      const { within, ...rest } = request.query;
      return listReviewQueue(database, actorOf(request), { ...rest, region: within }) as never;
    },
  );

  for (const decision of ['accept', 'reject'] as const) {
    app.post(
      `/reconcile/review/${decision}`,
      {
        config: {
          access: {
            permission: 'reconcile:review',
            region: (request) => (request.body as { desa?: string } | undefined)?.desa,
          },
        },
        schema: {
          tags: ['reconcile'],
          summary:
            decision === 'accept'
              ? 'Link a pair from the review queue (remembered for later months)'
              : 'Part a pair (remembered for later months)',
          body: reviewDecisionSchema,
          response: { 200: z.object({ status: z.string() }), ...refusals },
        },
      },
      async (request) => decideReview(database, actorOf(request), request.body, decision),
    );
  }

  app.get(
    '/reconcile/export/:kind',
    {
      config: { access: { permission: 'persons:export', region: regionInQuery('within') } },
      schema: {
        tags: ['reconcile'],
        summary:
          'Results as CSV: links (id,noka,method,score,decision), residents (id,status,noka,reason,…) or discrepancies',
        params: z.object({ kind: z.enum(['links', 'residents', 'discrepancies']) }),
        querystring: z.object({
          period: PERIOD,
          within: z.string().min(2).max(13).optional(),
          purpose: z.string().min(3).max(200).optional(),
        }),
        response: {
          200: { description: 'The file', content: { 'text/csv': { schema: z.string() } } },
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const { period, within, purpose } = request.query;
      const result = await exportResults(database, actorOf(request), kind, {
        period,
        region: within,
        purpose: purpose ?? `export ${kind} (API)`,
      });
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${kind}-${period}.csv"`)
        .header('x-row-count', String(result.count))
        .send(exportStream('csv', result.columns, result.batches, { bom: false }));
    },
  );
};
