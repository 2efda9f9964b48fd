// Boundary schemas of the imports feature, shared by the CLI, the HTTP API and
// the browser app. Imports nothing but Zod.
import { z } from 'zod';

export const importKindSchema = z.enum(['population', 'membership', 'population_figures']);
export type ImportKindInput = z.infer<typeof importKindSchema>;

/** The CLI and URL spelling of each kind. */
export const IMPORT_KIND_NAMES = {
  population: 'population',
  membership: 'membership',
  'population-figures': 'population_figures',
} as const satisfies Record<string, ImportKindInput>;

export const importKindNameSchema = z.enum(['population', 'membership', 'population-figures']);
export type ImportKindName = z.infer<typeof importKindNameSchema>;

export const periodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be YYYY-MM (e.g. 2026-10)');

export const sourceSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N} ._:/-]+$/u, 'source may hold letters, digits, space and . _ : / -');

export const regionCodeInputSchema = z
  .string()
  .trim()
  .regex(
    /^(\d{2}(\.?\d{2}(\.?\d{2}(\.?\d{4})?)?)?)$/,
    'a Kemendagri code, dotted or plain (e.g. 15.02.17.2006)',
  );

/** --map field=HEADER, repeatable. */
export const columnMapSchema = z.record(z.string().min(1), z.string().min(1));

export const importOptionsSchema = z.object({
  kind: importKindSchema,
  period: periodSchema,
  source: sourceSchema.optional(),
  desa: regionCodeInputSchema.optional(),
  sheet: z.string().trim().min(1).optional(),
  encoding: z
    .enum(['utf-8', 'windows-1252'])
    .optional()
    .describe('CSV text encoding (default: guessed from the first bytes)'),
  map: columnMapSchema.default({}),
  skipBadRows: z.boolean().default(false),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export const rejectSchema = z.object({
  rowNo: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});

export const importResultSchema = z.object({
  importId: z.number().int(),
  status: z.enum(['committed', 'failed']),
  kind: importKindSchema,
  period: z.string(),
  source: z.string(),
  fileName: z.string(),
  sha256: z.string().nullable(),
  format: z.enum(['csv', 'xlsx']).nullable(),
  rowsRead: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsRejected: z.number().int(),
  rowsFlagged: z.number().int(),
  durationMs: z.number().int(),
  replacedImportId: z.number().int().nullable(),
  failure: z.string().nullable(),
  /** The first 50 rejected rows; all of them are in the rejects file. */
  rejects: z.array(rejectSchema),
  rejectsFile: z.string().nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importRecordSchema = z.object({
  id: z.number().int(),
  kind: importKindSchema,
  period: z.string(),
  source: z.string(),
  status: z.enum(['committed', 'replaced', 'failed', 'purged']),
  failure: z.string().nullable(),
  fileName: z.string(),
  sha256: z.string().nullable(),
  importedBy: z.string(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  rowsRead: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsRejected: z.number().int(),
  rowsFlagged: z.number().int(),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;
