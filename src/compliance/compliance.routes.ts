import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, regionInQuery } from '../access/access.plugin.ts';
import type { Database } from '../db/database.ts';
import { errorSchema, refusals } from '../http/replies.ts';
import {
  caseParamsSchema,
  caseSchema,
  casesQuerySchema,
  casesSchema,
  closeCaseSchema,
  employerParamsSchema,
  employersQuerySchema,
  employersSchema,
  finishStepSchema,
  openCaseSchema,
  startStepSchema,
  stepParamsSchema,
  workersQuerySchema,
  workersSchema,
} from './compliance.schema.ts';
import {
  closeCase,
  finishStep,
  listCases,
  listEmployers,
  listEmployerWorkers,
  openCase,
  showCase,
  startStep,
} from './compliance.service.ts';

const missing = { 404: errorSchema };

export const complianceRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get(
    '/compliance/employers',
    {
      config: { access: { permission: 'compliance:read', region: regionInQuery('within') } },
      schema: {
        tags: ['compliance'],
        summary: 'Employers with workers unregistered or stopped, and their open case',
        description:
          'From the open targets naming an employer (employer registration pathway, or PPU stopped), spellings folded by the name key; with the open case, its current step and whether a step is overdue.',
        querystring: employersQuerySchema,
        response: { 200: employersSchema, ...refusals },
      },
    },
    async (request) => ({
      employers: await listEmployers(database, actorOf(request), request.query),
    }),
  );

  app.get(
    '/compliance/employers/:key/workers',
    {
      config: { access: { permission: 'compliance:read', region: regionInQuery('within') } },
      schema: {
        tags: ['compliance'],
        summary: "An employer's workers found unregistered or stopped (personal data; audited)",
        params: employerParamsSchema,
        querystring: workersQuerySchema,
        response: { 200: workersSchema, ...refusals },
      },
    },
    async (request) =>
      listEmployerWorkers(database, actorOf(request), {
        key: request.params.key,
        within: request.query.within,
        purpose: request.query.purpose ?? 'employer compliance: workers of an employer (API)',
      }),
  );

  app.post(
    '/compliance/cases',
    {
      config: {
        access: {
          permission: 'compliance:manage',
          region: (request) => (request.body as { kabupaten?: string } | undefined)?.kabupaten,
        },
      },
      schema: {
        tags: ['compliance'],
        summary: 'Open a case against an employer of a district (one open case per employer)',
        body: openCaseSchema,
        response: { 201: caseSchema, ...refusals, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const view = await openCase(database, actorOf(request), request.body);
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/compliance/cases',
    {
      config: { access: { permission: 'compliance:read', region: regionInQuery('within') } },
      schema: {
        tags: ['compliance'],
        summary: 'Cases of your area: steps, deadlines, what is overdue, what may come next',
        querystring: casesQuerySchema,
        response: { 200: casesSchema, ...refusals },
      },
    },
    async (request) => ({ cases: await listCases(database, actorOf(request), request.query) }),
  );

  app.get(
    '/compliance/cases/:id',
    {
      config: { access: { permission: 'compliance:read' } },
      schema: {
        tags: ['compliance'],
        summary: 'One case with its steps',
        params: caseParamsSchema,
        response: { 200: caseSchema, ...refusals, ...missing },
      },
    },
    async (request) => showCase(database, actorOf(request), request.params.id),
  );

  app.post(
    '/compliance/cases/:id/steps',
    {
      config: { access: { permission: 'compliance:manage' } },
      schema: {
        tags: ['compliance'],
        summary: 'Start the next step (warnings are due ten working days later)',
        description:
          'TEGURAN_1 → TEGURAN_2 → DENDA → PENGHENTIAN_LAYANAN_PUBLIK, each only when the one before is done; SKK_KEJAKSAAN and PEMERIKSAAN_BERSAMA any time after TEGURAN_1 started.',
        params: caseParamsSchema,
        body: startStepSchema,
        response: { 201: caseSchema, ...refusals, ...missing },
      },
    },
    async (request, reply) => {
      const view = await startStep(database, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(view);
    },
  );

  app.post(
    '/compliance/cases/:id/steps/:stepId/done',
    {
      config: { access: { permission: 'compliance:manage' } },
      schema: {
        tags: ['compliance'],
        summary: 'Mark a step done, with what came of it',
        params: stepParamsSchema,
        body: finishStepSchema,
        response: { 200: caseSchema, ...refusals, ...missing },
      },
    },
    async (request) =>
      finishStep(
        database,
        actorOf(request),
        request.params.id,
        request.params.stepId,
        request.body,
      ),
  );

  app.post(
    '/compliance/cases/:id/close',
    {
      config: { access: { permission: 'compliance:manage' } },
      schema: {
        tags: ['compliance'],
        summary: 'Close a case: PATUH (complied) or DITUTUP_LAINNYA (with a note)',
        params: caseParamsSchema,
        body: closeCaseSchema,
        response: { 200: caseSchema, ...refusals, ...missing },
      },
    },
    async (request) => closeCase(database, actorOf(request), request.params.id, request.body),
  );
};
