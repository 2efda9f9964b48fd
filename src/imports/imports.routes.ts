// HTTP mapping of the monthly imports: a file uploaded as multipart, streamed
// straight into the import pipeline (never held in memory), the import
// history, and each import's rejects CSV.
import { open } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/access.plugin.ts';
import type { Database } from '../db/database.ts';
import { errorSchema } from '../http/replies.ts';
import {
  IMPORT_KIND_NAMES,
  type ImportKindName,
  type ImportOptions,
  importKindNameSchema,
  importOptionsSchema,
  importRecordSchema,
  importResultSchema,
  periodSchema,
} from './imports.schema.ts';
import { getImport, importFile, listImports, rejectsOf } from './imports.service.ts';

const mapEntrySchema = z
  .string()
  .regex(/^\s*[^=\s][^=]*=.*\S.*$/, 'expected field=HEADER (e.g. nama=NAMA_LENGKAP)');

/** The upload's options, as a query string: the same fields as the CLI flags. */
const importQuerySchema = importOptionsSchema
  .omit({ kind: true, map: true, skipBadRows: true })
  .extend({
    map: z
      .union([mapEntrySchema, z.array(mapEntrySchema)])
      .optional()
      .describe('read a field from a differently named column: field=HEADER, repeatable')
      .transform((value) => columnMap(value === undefined ? [] : [value].flat())),
    skipBadRows: z
      .enum(['true', 'false'])
      .default('false')
      .describe('import the good rows and list the bad ones, instead of importing nothing')
      .transform((value) => value === 'true'),
  });

function columnMap(entries: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    map[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  return map;
}

const listQuerySchema = z.object({
  period: periodSchema.optional(),
  kind: importKindNameSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const idParamsSchema = z.object({
  id: z.coerce.number({ error: 'expected an import number' }).int().min(1).max(2_147_483_647),
});

export const importsRoutes: FastifyPluginAsyncZod<{
  database: Database;
  rejectsDir: string;
}> = async (app, { database, rejectsDir }) => {
  app.post(
    '/imports/:kind',
    {
      config: {
        access: {
          permission: (request) =>
            `imports:${IMPORT_KIND_NAMES[(request.params as { kind: ImportKindName }).kind]}` as const,
          region: (request) => (request.query as { desa?: string }).desa,
        },
      },
      schema: {
        tags: ['imports'],
        summary: 'Import one file of a month (multipart field "file")',
        description:
          'The file is imported whole or not at all: with bad rows nothing is imported (422) unless skipBadRows=true. A re-import of the same kind, period and source replaces the previous one.',
        consumes: ['multipart/form-data'],
        params: z.object({ kind: importKindNameSchema }),
        querystring: importQuerySchema,
        response: {
          201: importResultSchema,
          400: errorSchema,
          413: errorSchema,
          415: errorSchema,
          // An ImportResult when the file was read and refused; { error } when
          // the options were refused before reading (an unknown desa).
          422: z.union([importResultSchema, errorSchema]),
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        return reply
          .code(415)
          .send({ error: 'send the file as multipart/form-data, field "file"' });
      }
      const part = await request.file();
      if (!part) return reply.code(400).send({ error: 'file: missing (multipart field "file")' });
      if (part.fieldname !== 'file') {
        part.file.resume();
        return reply
          .code(400)
          .send({ error: `file: expected the multipart field "file", got "${part.fieldname}"` });
      }
      const options: ImportOptions = {
        kind: IMPORT_KIND_NAMES[request.params.kind],
        ...request.query,
      };
      const upload = guardSize(part);
      try {
        const result = await importFile(database, {
          options,
          fileName: basename(part.filename) || 'upload',
          input: upload.input,
          actor: actorOf(request),
          rejectsDir,
        }).catch((error: unknown) => {
          throw upload.tooLarge() ? new app.multipartErrors.RequestFileTooLargeError() : error;
        });
        // Checked on success too: a truncated file must never pass as whole.
        if (upload.tooLarge()) throw new app.multipartErrors.RequestFileTooLargeError();
        return reply.code(result.status === 'committed' ? 201 : 422).send({
          ...result,
          // Where to download it, not where the server keeps it.
          rejectsFile:
            result.rejectsFile === null ? null : `${app.prefix}/imports/${result.importId}/rejects`,
        });
      } finally {
        // Whatever the pipeline left unread, so that the request can end.
        if (!part.file.readableEnded) part.file.resume();
      }
    },
  );

  app.get(
    '/imports',
    {
      config: { access: { permission: 'imports:read' } },
      schema: {
        tags: ['imports'],
        summary: 'The import history, newest first',
        querystring: listQuerySchema,
        response: { 200: z.array(importRecordSchema), 400: errorSchema },
      },
    },
    async (request) => {
      const { period, kind, limit } = request.query;
      return listImports(database, actorOf(request), {
        period,
        kind: kind === undefined ? undefined : IMPORT_KIND_NAMES[kind],
        limit,
      });
    },
  );

  app.get(
    '/imports/:id',
    {
      config: { access: { permission: 'imports:read' } },
      schema: {
        tags: ['imports'],
        summary: 'One import of the history',
        params: idParamsSchema,
        response: { 200: importRecordSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const found = await getImport(database, actorOf(request), request.params.id);
      if (!found) return reply.code(404).send({ error: `import ${request.params.id}: not found` });
      return found.record;
    },
  );

  app.get(
    '/imports/:id/rejects',
    {
      config: { access: { permission: 'imports:read' } },
      schema: {
        tags: ['imports'],
        summary: "An import's rejected rows as CSV (row, column, value, reason)",
        params: idParamsSchema,
        response: {
          200: { description: 'The rejects CSV', content: { 'text/csv': { schema: z.string() } } },
          400: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const found = await rejectsOf(database, actorOf(request), id);
      if (!found.found) return reply.code(404).send({ error: `import ${id}: not found` });
      if (!found.path) return reply.code(404).send({ error: `import ${id}: no rejected rows` });
      const path = resolve(found.path);
      // Only files the server's own directory holds: a CLI import may have
      // written its rejects anywhere (--rejects), and they hold personal data.
      const inside = relative(resolve(rejectsDir), path);
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
        return reply
          .code(404)
          .send({ error: `import ${id}: its rejects file is not kept by the server` });
      }
      const file = await open(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (!file) return reply.code(404).send({ error: `import ${id}: its rejects file is gone` });
      return sendCsv(reply, basename(path), file.createReadStream());
    },
  );
};

/**
 * busboy stops a file at the size limit and ends it normally, marked
 * truncated: the pipeline would take a cut file for a whole one. Here the
 * limit breaks the stream instead, so that the import fails.
 */
function guardSize(part: MultipartFile): { input: PassThrough; tooLarge: () => boolean } {
  let tooLarge = false;
  const input = new PassThrough();
  part.file.on('limit', () => {
    tooLarge = true;
    input.destroy(new Error('file too large'));
  });
  part.file.on('error', (error) => input.destroy(error));
  part.file.pipe(input);
  return { input, tooLarge: () => tooLarge || part.file.truncated };
}

// Untyped reply: the schema documents the body as a string; it goes out as a stream.
function sendCsv(reply: FastifyReply, fileName: string, body: Readable): FastifyReply {
  const name = fileName.replace(/[^\w.-]/g, '_');
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}
