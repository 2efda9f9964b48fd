// Boundary schemas of the regions feature, shared by the HTTP API and the
// browser app. Imports nothing but Zod.
import { z } from 'zod';

export const regionLevelSchema = z.enum(['provinsi', 'kabupaten', 'kecamatan', 'desa']);
export type RegionLevelInput = z.infer<typeof regionLevelSchema>;

export const desaKindSchema = z.enum(['desa', 'kelurahan', 'desa_adat']);

/** A Kemendagri code as a URL takes it: plain digits or whole dotted groups. */
export const regionCodeParamSchema = z
  .string()
  .regex(
    /^(?:\d{2}|\d{4}|\d{6}|\d{10}|\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)$/,
    'a Kemendagri code, dotted or plain (e.g. 15.02.17.2006 or 1502172006)',
  );

export const findRegionsQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'at least 2 characters: a name or a code (e.g. sungai jering, 15.02)'),
  level: regionLevelSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type FindRegionsQuery = z.infer<typeof findRegionsQuerySchema>;

export const regionParentSchema = z.object({
  code: z.string().describe('dotted, e.g. 15.02'),
  name: z.string(),
  level: regionLevelSchema,
});

export const regionViewSchema = z.object({
  code: z.string().describe('dotted, e.g. 15.02.17.2006'),
  name: z.string(),
  level: regionLevelSchema,
  /** Villages only: desa, kelurahan or desa adat. */
  kind: desaKindSchema.nullable(),
  /** From the direct parent up to the province. */
  parents: z.array(regionParentSchema),
});
export type RegionViewOutput = z.infer<typeof regionViewSchema>;

export const regionDetailSchema = regionViewSchema.extend({
  /** Every region below this one, counted by level (villages by kind). */
  children: z.object({
    kabupaten: z.number().int(),
    kecamatan: z.number().int(),
    desa: z.number().int(),
    kelurahan: z.number().int(),
    desa_adat: z.number().int(),
  }),
});
export type RegionDetailOutput = z.infer<typeof regionDetailSchema>;
