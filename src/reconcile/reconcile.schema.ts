// The linkage's knobs: points each field's agreement adds to a pair's score,
// and the two thresholds that split pairs into match / review / non-match.
// Recorded with every run (reconcile_runs.settings), so a decision can be
// explained months later with the weights that made it.
import { z } from 'zod';
import { PERIOD_PATTERN } from '../indicators/periods.ts';

export const PERIOD = z.string().regex(PERIOD_PATTERN, 'must be YYYY-MM');

/**
 * Agreement levels, per field (the codes stored on every pair):
 * - nik: SAMA (equal), SAMA_DIRAGUKAN (equal, but the register's NIK is
 *   doubtful: shared by two residents or at odds with the resident's own
 *   birth date or sex, as when copied from a family member), MIRIP (one or
 *   two digits apart: a typo), BEDA, BEDA_DIRAGUKAN, KOSONG (missing on a side).
 * - nama (on the folded name key): SAMA, SAMA_UMUM (equal but a single very
 *   common word such as SITI), SEBAGIAN (one name's words, initials matched
 *   to words, are all in the other: a dropped or abbreviated part),
 *   SEBAGIAN_UMUM (the shared words are all very common), MIRIP (a spelling
 *   slip), BEDA, KOSONG.
 * - lahir (birth date; the NIK's date stands in for a missing one): SAMA,
 *   TERTUKAR (day and month swapped), SETAHUN (one year apart), BEDA, KOSONG.
 * - jk (sex; the NIK's sex stands in for a missing one): SAMA, BEDA, KOSONG.
 * - desa (register village vs the insurer's domicile village): SAMA, BEDA.
 */
export const weightsSchema = z.object({
  nik: z.object({
    SAMA: z.number(),
    SAMA_DIRAGUKAN: z.number(),
    MIRIP: z.number(),
    BEDA: z.number(),
    BEDA_DIRAGUKAN: z.number(),
    KOSONG: z.number(),
  }),
  nama: z.object({
    SAMA: z.number(),
    SAMA_UMUM: z.number(),
    SEBAGIAN: z.number(),
    SEBAGIAN_UMUM: z.number(),
    MIRIP: z.number(),
    BEDA: z.number(),
    KOSONG: z.number(),
  }),
  lahir: z.object({
    SAMA: z.number(),
    TERTUKAR: z.number(),
    SETAHUN: z.number(),
    BEDA: z.number(),
    KOSONG: z.number(),
  }),
  jk: z.object({ SAMA: z.number(), BEDA: z.number(), KOSONG: z.number() }),
  desa: z.object({ SAMA: z.number(), BEDA: z.number() }),
});
export type Weights = z.infer<typeof weightsSchema>;

export const settingsSchema = z
  .object({
    /** A pair scoring at least this is linked without review. */
    matchThreshold: z.number().finite(),
    /** Between this and matchThreshold: the review queue (PERLU_VERIFIKASI). */
    reviewThreshold: z.number().finite(),
    /**
     * A name word is "very common" when at least this share of the period's
     * names (in the run's scope) carries it; it then weighs less.
     */
    commonWordShare: z.number().gt(0).lt(1),
    weights: weightsSchema,
  })
  .refine((s) => s.reviewThreshold <= s.matchThreshold, {
    message: 'reviewThreshold must not exceed matchThreshold',
  });
export type Settings = z.infer<typeof settingsSchema>;

// Log-odds in spirit (Fellegi–Sunter): agreement on a discriminating field
// adds much, disagreement subtracts; a missing value says nothing. Tuned on
// generated data (npm run eval:linkage) so that no single field links a pair
// alone, except NIK backed by another field.
export const DEFAULT_SETTINGS: Settings = {
  matchThreshold: 9,
  reviewThreshold: 5,
  commonWordShare: 0.02,
  weights: {
    nik: { SAMA: 7, SAMA_DIRAGUKAN: 3, MIRIP: 3, BEDA: -4, BEDA_DIRAGUKAN: 0, KOSONG: 0 },
    nama: { SAMA: 6, SAMA_UMUM: 3, SEBAGIAN: 3, SEBAGIAN_UMUM: 1, MIRIP: 2, BEDA: -5, KOSONG: 0 },
    lahir: { SAMA: 5, TERTUKAR: 2, SETAHUN: 2, BEDA: -4, KOSONG: 0 },
    jk: { SAMA: 1, BEDA: -3, KOSONG: 0 },
    desa: { SAMA: 1, BEDA: 0 },
  },
};

export const reconcileRequestSchema = z.object({
  period: PERIOD,
  /** A region code (any level, dotted or plain); default: everything in scope. */
  within: z.string().min(2).max(13).optional(),
  matchThreshold: z.number().finite().optional(),
  reviewThreshold: z.number().finite().optional(),
});
export type ReconcileRequest = z.infer<typeof reconcileRequestSchema>;

export const reviewDecisionSchema = z.object({
  period: PERIOD,
  /** The register's record: village code and its source id. */
  desa: z.string().min(10).max(13),
  id: z.string().min(1).max(200),
  noka: z.string().regex(/^\d{13}$/, 'must be 13 digits'),
  note: z.string().max(500).optional(),
});
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;
