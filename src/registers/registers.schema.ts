// The population register (residents) and the membership extract (members) as
// the API shows them: filters, pages, and rows with identifiers masked where
// the caller's role does not need them.
import { z } from 'zod';
import { normaliseRegionCode } from '../regions/codes.ts';

export const periodQuery = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
  .optional()
  .describe('YYYY-MM; default: the latest month imported');

export const regionQuery = z
  .string()
  .optional()
  .describe('a region code, dotted or plain, of any level; default: your whole area')
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    const normal = normaliseRegionCode(value);
    if (!normal) {
      ctx.addIssue({ code: 'custom', message: 'expected a region code (e.g. 15.02.17.2006)' });
      return z.NEVER;
    }
    return normal.code;
  });

export const registerFilterSchema = z.object({
  period: periodQuery,
  region: regionQuery,
  name: z.string().min(2).max(100).optional().describe('part of a name'),
  purpose: z.string().min(3).max(200).optional().describe('why you read this (recorded)'),
});

export const listQuerySchema = registerFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const exportQuerySchema = registerFilterSchema.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

export const personRowSchema = z.record(z.string(), z.unknown());

export const listResultSchema = z.object({
  period: z.string().nullable(),
  rows: z.array(personRowSchema),
});

export const countResultSchema = z.object({ period: z.string().nullable(), count: z.number() });

export const nikParamsSchema = z.object({
  nik: z.string().regex(/^\d{16}$/, 'expected a 16-digit NIK'),
});

export const personResultSchema = z.object({
  residents: z.array(personRowSchema),
  members: z.array(personRowSchema),
});

export type RegisterFilter = z.infer<typeof registerFilterSchema>;
