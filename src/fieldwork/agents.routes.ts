// HTTP mapping of the agents: appoint, list, show, change.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, regionInQuery } from '../access/access.plugin.ts';
import type { Database } from '../db/database.ts';
import { errorSchema, refusals } from '../http/replies.ts';
import {
  agentListQuerySchema,
  agentSchema,
  appointAgentSchema,
  appointedAgentSchema,
  updateAgentSchema,
} from './agents.schema.ts';
import { appointAgent, changeAgent, listAgents, showAgent } from './agents.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });

const desaOf = (request: FastifyRequest) => (request.body as { desa?: string } | undefined)?.desa;

export const agentsRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.post(
    '/agents',
    {
      config: { access: { permission: 'agents:manage', region: desaOf } },
      schema: {
        tags: ['fieldwork'],
        summary:
          'Appoint an agent by village decree (SK): its user (a new one gets a password, shown once) and the agen role on every village served',
        body: appointAgentSchema,
        response: { 201: appointedAgentSchema, ...refusals, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const agent = await appointAgent(database.db, actorOf(request), request.body);
      return reply.code(201).send(agent);
    },
  );

  app.get(
    '/agents',
    {
      config: { access: { permission: 'agents:read', region: regionInQuery('within') } },
      schema: {
        tags: ['fieldwork'],
        summary: 'Agents appointed in or serving a village of your area (or of `within`)',
        querystring: agentListQuerySchema,
        response: { 200: z.object({ agents: z.array(agentSchema) }), ...refusals },
      },
    },
    async (request) => ({
      agents: await listAgents(database.db, actorOf(request), request.query),
    }),
  );

  app.get(
    '/agents/:id',
    {
      config: { access: { permission: 'agents:read' } },
      schema: {
        tags: ['fieldwork'],
        summary: 'One agent: decree, term, phone, villages served',
        params: idParams,
        response: { 200: agentSchema, ...refusals, 404: errorSchema },
      },
    },
    async (request) => showAgent(database.db, actorOf(request), request.params.id),
  );

  app.patch(
    '/agents/:id',
    {
      config: { access: { permission: 'agents:manage' } },
      schema: {
        tags: ['fieldwork'],
        summary:
          'Change the phone, the end of the term (a past day ends it: the agen role is revoked) or the villages served',
        params: idParams,
        body: updateAgentSchema,
        response: { 200: agentSchema, ...refusals, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => changeAgent(database.db, actorOf(request), request.params.id, request.body),
  );
};
