// Boundary schemas of the indicators: the report and region-page queries and
// what they answer, shared by the HTTP API, the CLI and the browser app.
// Imports nothing but Zod. Percentages have two decimals (rounded half up,
// from the raw counts) and are never capped at 100.
import { z } from 'zod';
import { PERIOD_PATTERN } from './periods.ts';

export const periodSchema = z.string().regex(PERIOD_PATTERN, 'expected YYYY-MM');

export const reportLevelSchema = z.enum(['provinsi', 'kabupaten', 'kecamatan', 'desa']);
export type ReportLevel = z.infer<typeof reportLevelSchema>;

const REGION_CODE = /^(?:\d{2}|\d{4}|\d{6}|\d{10}|\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)$/;
const regionCodeSchema = z
  .string()
  .regex(REGION_CODE, 'a Kemendagri code, dotted or plain (e.g. 15.02 or 1502)');

export const coverageQuerySchema = z.object({
  period: periodSchema.optional().describe('YYYY-MM; default: the latest with indicators'),
  level: reportLevelSchema.default('kabupaten'),
  within: regionCodeSchema.optional().describe('only regions inside this one (any level above)'),
});
export type CoverageQuery = z.input<typeof coverageQuerySchema>;

export const regionIndicatorsParamsSchema = z.object({
  code: z
    .string()
    .regex(
      /^(?:nasional|\d{2}|\d{4}|\d{6}|\d{10}|\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)$/,
      'a Kemendagri code, dotted or plain, or "nasional"',
    )
    .describe('dotted or plain; "nasional" for Indonesia'),
});
export const regionIndicatorsQuerySchema = z.object({
  period: periodSchema.optional().describe('YYYY-MM; default: the latest with indicators'),
});

const indicatorLevelSchema = z.enum(['nasional', 'provinsi', 'kabupaten', 'kecamatan', 'desa']);
const pct = z.number().nullable();

export const coverageRowSchema = z.object({
  code: z.string().describe("dotted; '' for Indonesia"),
  name: z.string(),
  level: indicatorLevelSchema,
  parent_code: z.string().nullable().describe("dotted; '' for a province (Indonesia)"),
  population: z.number().int().nullable(),
  population_source: z.enum(['official', 'children', 'register', 'none']),
  residents: z.number().int().describe('living residents of the village registers'),
  registered: z.number().int(),
  active: z.number().int(),
  inactive: z.number().int(),
  coverage_pct: pct.describe('registered / population'),
  activity_pct: pct.describe('active / registered'),
  active_population_pct: pct.describe('active / population'),
  verified_registered: z.number().int(),
  verified_active: z.number().int(),
  review_pending: z.number().int(),
  members_not_in_register: z.number().int(),
  villages_with_register: z.number().int(),
  villages_with_extract: z.number().int(),
  uhc: z.boolean(),
  uhc_coverage_threshold: pct,
  uhc_activity_threshold: pct,
  gap_coverage: z.number().int().nullable().describe('people to register to reach the threshold'),
  gap_activity: z.number().int().nullable().describe('members to activate to reach the threshold'),
  rank: z.number().int().describe('among its siblings, by coverage, then activity, then code'),
  rank_of: z.number().int(),
  activity_rank: z.number().int().describe('among its siblings, by activity, then coverage'),
  previous_period: z.string().nullable(),
  registered_change: z.number().int().nullable(),
  active_change: z.number().int().nullable(),
  coverage_pct_change: pct.describe('percentage points'),
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;

export const coverageReportSchema = z.object({
  period: z.string().nullable(),
  level: reportLevelSchema,
  within: z.string().nullable(),
  rows: z.array(coverageRowSchema),
  /** Set when the period has no indicators at all. */
  message: z.string().nullable(),
});
export type CoverageReport = z.infer<typeof coverageReportSchema>;

export const trendPointSchema = z.object({
  period: z.string(),
  population: z.number().int().nullable(),
  registered: z.number().int(),
  active: z.number().int(),
  coverage_pct: pct,
  activity_pct: pct,
  active_population_pct: pct,
  verified_registered: z.number().int(),
});

export const regionIndicatorsSchema = coverageRowSchema.extend({
  period: z.string(),
  children: z.array(coverageRowSchema),
  lowest_child: coverageRowSchema.nullable().describe('by coverage'),
  highest_child: coverageRowSchema.nullable().describe('by coverage'),
  lowest_child_by_activity: coverageRowSchema.nullable(),
  highest_child_by_activity: coverageRowSchema.nullable(),
  trend: z.array(trendPointSchema),
  by_segment: z.array(
    z.object({
      segmen: z.string(),
      registered: z.number().int(),
      active: z.number().int(),
      activity_pct: pct,
      share_pct: pct.describe('of all registered'),
    }),
  ),
  inactive_by_reason: z.array(
    z.object({
      alasan: z.string(),
      inactive: z.number().int(),
      share_pct: pct.describe('of all inactive'),
    }),
  ),
  official_vs_verified: z.object({
    official: z.object({
      population: z.number().int().nullable(),
      population_source: z.enum(['official', 'children', 'register', 'none']),
      registered: z.number().int(),
      active: z.number().int(),
      coverage_pct: pct,
      activity_pct: pct,
    }),
    verified: z.object({
      residents: z.number().int(),
      verified_registered: z.number().int(),
      verified_active: z.number().int(),
      verified_coverage_pct: pct.describe('verified_registered / residents'),
      verified_activity_pct: pct.describe('verified_active / verified_registered'),
    }),
    /** Registered members the village registers do not confirm (official − verified). */
    difference: z.number().int(),
    explanation: z.string(),
  }),
});
export type RegionIndicators = z.infer<typeof regionIndicatorsSchema>;

export const periodsSchema = z.object({ periods: z.array(z.string()) });
