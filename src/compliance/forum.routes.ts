import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, regionInQuery } from '../access/access.plugin.ts';
import type { Database } from '../db/database.ts';
import { errorSchema, refusals } from '../http/replies.ts';
import {
  actionParamsSchema,
  actionSchema,
  actionsQuerySchema,
  actionsSchema,
  meetingParamsSchema,
  meetingSchema,
  meetingsQuerySchema,
  meetingsSchema,
  newActionSchema,
  newMeetingSchema,
  updateActionSchema,
} from './compliance.schema.ts';
import {
  addAction,
  createMeeting,
  listActions,
  listMeetings,
  updateActionItem,
} from './forum.service.ts';

const missing = { 404: errorSchema };

export const forumRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get(
    '/forum/meetings',
    {
      config: { access: { permission: 'forum:read', region: regionInQuery('within') } },
      schema: {
        tags: ['forum'],
        summary: 'Forum meetings of your area and of the regions above it, newest first',
        querystring: meetingsQuerySchema,
        response: { 200: meetingsSchema, ...refusals },
      },
    },
    async (request) => ({
      meetings: await listMeetings(database, actorOf(request), request.query),
    }),
  );

  app.post(
    '/forum/meetings',
    {
      config: {
        access: {
          permission: 'forum:manage',
          region: (request) => (request.body as { region?: string } | undefined)?.region,
        },
      },
      schema: {
        tags: ['forum'],
        summary: 'Record a forum meeting: date, region (its level) and the offices present',
        body: newMeetingSchema,
        response: { 201: meetingSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const meeting = await createMeeting(database, actorOf(request), request.body);
      return reply.code(201).send(meeting);
    },
  );

  app.post(
    '/forum/meetings/:id/actions',
    {
      config: { access: { permission: 'forum:manage' } },
      schema: {
        tags: ['forum'],
        summary: 'Add an action item: what, which office, due when',
        params: meetingParamsSchema,
        body: newActionSchema,
        response: { 201: actionSchema, ...refusals, ...missing },
      },
    },
    async (request, reply) => {
      const action = await addAction(database, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(action);
    },
  );

  app.patch(
    '/forum/actions/:id',
    {
      config: { access: { permission: 'forum:manage' } },
      schema: {
        tags: ['forum'],
        summary: "Update an action item's status, evidence or due date (SELESAI needs evidence)",
        params: actionParamsSchema,
        body: updateActionSchema,
        response: { 200: actionSchema, ...refusals, ...missing },
      },
    },
    async (request) =>
      updateActionItem(database, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/forum/actions',
    {
      config: { access: { permission: 'forum:read', region: regionInQuery('within') } },
      schema: {
        tags: ['forum'],
        summary: 'Action items by due date; overdue=true: past due and not SELESAI or BATAL',
        querystring: actionsQuerySchema,
        response: { 200: actionsSchema, ...refusals, ...missing },
      },
    },
    async (request) => listActions(database, actorOf(request), request.query),
  );
};
