// The options of the synthetic data generator (CLI flags). Imports nothing but Zod.
import { z } from 'zod';

export const generateOptionsSchema = z.object({
  within: z
    .string()
    .trim()
    .regex(
      /^\d{2}(\.?\d{2})?$/,
      'a province (15) or kabupaten/kota (15.02 or 1502) code of the Kemendagri list',
    ),
  residents: z.coerce
    .number({ error: 'a whole number' })
    .int('a whole number')
    .min(1, 'at least 1')
    .max(50_000_000, 'at most 50,000,000'),
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be YYYY-MM (e.g. 2024-06)')
    .refine((p) => p >= '1990-01' && p <= '2099-12', 'a period from 1990-01 to 2099-12'),
  out: z.string().trim().min(1, 'an output directory'),
  seed: z.coerce
    .number({ error: 'a whole number' })
    .int('a whole number')
    .min(0)
    .max(4_294_967_295)
    .default(1),
  membersShare: z.coerce
    .number({ error: 'a share from 0 to 1' })
    .min(0, 'a share from 0 to 1')
    .max(1, 'a share from 0 to 1')
    .default(0.8),
});

export type GenerateOptions = z.input<typeof generateOptionsSchema>;
export type GenerateSettings = z.output<typeof generateOptionsSchema>;
