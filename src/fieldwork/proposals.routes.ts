// HTTP mapping of Sisir's worklist and Registrasi: targets, proposals and
// their workflow, agent performance, the district PBI budget, and the UHC
// Prioritas flag that sets when district-paid registrations must show active.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, regionInQuery } from '../access/access.plugin.ts';
import type { Database } from '../db/database.ts';
import { errorSchema, refusals } from '../http/replies.ts';
import { EXPORT_CONTENT_TYPE, exportStream, inOneBatch } from '../reports/table-export.ts';
import {
  BUDGET_COLUMNS,
  districtBudget,
  listUhcPrioritas,
  setUhcPrioritas,
} from './budget.service.ts';
import {
  budgetQuerySchema,
  performanceQuerySchema,
  proposalInputSchema,
  proposalListQuerySchema,
  registerInputSchema,
  rejectInputSchema,
  uhcPrioritasInputSchema,
  verifyInputSchema,
  worklistQuerySchema,
} from './fieldwork.schema.ts';
import { agentPerformance } from './performance.service.ts';
import {
  decideProposal,
  getProposal,
  listProposals,
  proposeRegistration,
} from './proposals.service.ts';
import { getTarget, getWorklist } from './targets.service.ts';

const answers = { ...refusals, 404: errorSchema, 409: errorSchema };
const loose = z.record(z.string(), z.unknown());

const idParams = z.object({ id: z.uuid() });

export const proposalsRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get(
    '/worklist',
    {
      config: { access: { permission: 'targets:read', region: regionInQuery('within') } },
      schema: {
        tags: ['fieldwork'],
        summary:
          'Sisir: open targets by household, most urgent first, then by dusun/RW/RT (with pathway and reason)',
        querystring: worklistQuerySchema,
        response: {
          200: z.object({ total: z.number(), households: z.array(loose) }),
          ...answers,
        },
      },
    },
    async (request) => getWorklist(database, actorOf(request), request.query) as never,
  );

  app.get(
    '/targets/:id',
    {
      config: { access: { permission: 'targets:read' } },
      schema: {
        tags: ['fieldwork'],
        summary: 'One target: facts, recommended pathway and its reason, priority, history',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: z.object({ target: loose, history: z.array(loose) }), ...answers },
      },
    },
    async (request) => getTarget(database, actorOf(request), request.params.id) as never,
  );

  app.post(
    '/proposals',
    {
      config: {
        access: {
          permission: 'proposals:create',
          region: (request) => (request.body as { desa?: string } | undefined)?.desa,
        },
      },
      schema: {
        tags: ['fieldwork'],
        summary:
          'Propose a person or household for registration (client id: a repeat answers 200, creates nothing)',
        body: proposalInputSchema,
        response: { 200: loose, 201: loose, ...answers },
      },
    },
    async (request, reply) => {
      const result = await proposeRegistration(database, actorOf(request), request.body);
      return (reply as FastifyReply).code(result.created ? 201 : 200).send(result as never);
    },
  );

  app.get(
    '/proposals',
    {
      config: { access: { permission: 'proposals:read', region: regionInQuery('within') } },
      schema: {
        tags: ['fieldwork'],
        summary: 'Proposals of your area, newest first (ids, pathways, statuses, counts)',
        querystring: proposalListQuerySchema,
        response: { 200: z.object({ proposals: z.array(loose) }), ...answers },
      },
    },
    async (request) => ({
      proposals: (await listProposals(database, actorOf(request), request.query)) as never[],
    }),
  );

  app.get(
    '/proposals/:id',
    {
      config: { access: { permission: 'proposals:read' } },
      schema: {
        tags: ['fieldwork'],
        summary: 'One proposal: its people, documents and every transition',
        params: idParams,
        response: { 200: loose, ...answers },
      },
    },
    async (request) => getProposal(database, actorOf(request), request.params.id) as never,
  );

  const steps = {
    verify: { body: verifyInputSchema, summary: 'Verify (the office the pathway names)' },
    register: {
      body: registerInputSchema,
      summary: 'Register with the card number(s) and date (BPJS branch)',
    },
    reject: { body: rejectInputSchema, summary: 'Reject, with a reason' },
  } as const;
  for (const [step, spec] of Object.entries(steps) as [
    keyof typeof steps,
    (typeof steps)[keyof typeof steps],
  ][]) {
    app.post(
      `/proposals/:id/${step}`,
      {
        config: { access: { permission: 'proposals:decide' } },
        schema: {
          tags: ['fieldwork'],
          summary: spec.summary,
          params: idParams,
          body: spec.body,
          response: { 200: loose, ...answers },
        },
      },
      async (request) =>
        decideProposal(database, actorOf(request), request.params.id, step, request.body) as never,
    );
  }

  app.get(
    '/performance',
    {
      config: { access: { permission: 'performance:read', region: regionInQuery('within') } },
      schema: {
        tags: ['fieldwork'],
        summary:
          'Agent performance in a month: visits, households reached, proposals, confirmed active; per agent, village, district',
        querystring: performanceQuerySchema,
        response: { 200: z.object({ period: z.string(), rows: z.array(loose) }), ...answers },
      },
    },
    async (request) => agentPerformance(database, actorOf(request), request.query) as never,
  );

  app.get(
    '/budget',
    {
      config: { access: { permission: 'budget:read', region: regionInQuery('within') } },
      schema: {
        tags: ['fieldwork'],
        summary:
          'District-paid (PBI APBD) proposals and their cost in a budget year; format=xlsx for the budget office',
        querystring: budgetQuerySchema.extend({ format: z.enum(['json', 'xlsx']).default('json') }),
        response: { 200: loose, ...answers },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const budget = await districtBudget(database, actorOf(request), query);
      if (format === 'json') return budget as never;
      const rows = budget.rows as unknown as Record<string, unknown>[];
      return (reply as FastifyReply)
        .type(EXPORT_CONTENT_TYPE.xlsx)
        .header(
          'content-disposition',
          `attachment; filename="anggaran-pbi-apbd-${budget.year}.xlsx"`,
        )
        .send(
          exportStream('xlsx', BUDGET_COLUMNS, inOneBatch(rows), {
            sheetName: `PBI APBD ${budget.year}`,
          }),
        );
    },
  );

  app.get(
    '/uhc-prioritas',
    {
      config: { access: { permission: 'budget:read', region: regionInQuery('within') } },
      schema: {
        tags: ['fieldwork'],
        summary: 'UHC Prioritas districts of your area, with their dates',
        querystring: z.object({ within: z.string().min(2).max(13).optional() }),
        response: { 200: z.object({ districts: z.array(loose) }), ...answers },
      },
    },
    async (request) => ({
      districts: (await listUhcPrioritas(database, actorOf(request), request.query)) as never[],
    }),
  );

  app.post(
    '/uhc-prioritas',
    {
      config: {
        access: {
          permission: 'settings:uhc_prioritas',
          region: (request) => (request.body as { kabupaten?: string } | undefined)?.kabupaten,
        },
      },
      schema: {
        tags: ['fieldwork'],
        summary:
          'Mark a district UHC Prioritas from a date (its PBI APBD registrations active the same month)',
        body: uhcPrioritasInputSchema,
        response: { 200: z.object({ districts: z.array(loose) }), ...answers },
      },
    },
    async (request) => ({
      districts: (await setUhcPrioritas(database, actorOf(request), request.body)) as never[],
    }),
  );
};
