// Advokasi: a visit to a household (or one person of it) and an outreach
// event (sosialisasi), as the agents' app sends them. Each carries an id made
// by the client, so a record sent twice on a weak signal is stored once.
// Shared by the HTTP API, the CLI and the agents' app: Zod and the agents'
// schema's value patterns only.
import { z } from 'zod';
import { DATE, DESA, REGION } from './agents.schema.ts';

export const VISIT_OUTCOMES = [
  'BERSEDIA',
  'MENOLAK',
  'TIDAK_DITEMUI',
  'PINDAH',
  'MENINGGAL',
  'SUDAH_TERDAFTAR',
] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export const REFUSAL_REASONS = [
  'TIDAK_MAMPU_BAYAR',
  'MERASA_SEHAT',
  'PUNYA_ASURANSI_LAIN',
  'KECEWA_LAYANAN',
  'FASKES_JAUH',
  'PROSEDUR_RUMIT',
  'MENUNGGU_KELUARGA',
  'LAINNYA',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const recordVisitSchema = z.object({
  /** Made by the client (a UUID): sending the same visit again stores nothing new. */
  id: z.uuid('must be a UUID'),
  desa: DESA,
  /** The household as on the worklist: the No. KK, or id:<source id>. */
  household: z.string().trim().min(1).max(64),
  /** One person of the household (a target of the worklist); absent: the household. */
  targetId: z.number().int().positive().optional(),
  /** The agent who visited: absent for an agent recording its own visit. */
  agentId: z.number().int().positive().optional(),
  visitedOn: DATE,
  outcome: z.enum(VISIT_OUTCOMES),
  /** Required when the outcome is MENOLAK (and only then). */
  refusalReason: z.enum(REFUSAL_REASONS).optional(),
  /** The refusal in the household's words; required for LAINNYA. */
  refusalNote: z.string().trim().min(1).max(500).optional(),
  nextVisitOn: DATE.optional(),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type RecordVisitInput = z.input<typeof recordVisitSchema>;

export const visitSchema = z.object({
  id: z.string(),
  desa: z.string(),
  /** Masked (1502********0001) for roles that do not work with identifiers. */
  household: z.string(),
  targetId: z.number().nullable(),
  agentId: z.number().nullable(),
  agentNama: z.string().nullable(),
  visitedOn: z.string(),
  outcome: z.enum(VISIT_OUTCOMES),
  refusalReason: z.enum(REFUSAL_REASONS).nullable(),
  refusalNote: z.string().nullable(),
  nextVisitOn: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Visit = z.infer<typeof visitSchema>;

/** The answer to a recorded visit: created false when the id was already stored. */
export const recordedVisitSchema = z.object({ created: z.boolean(), visit: visitSchema });

const listFilter = {
  /** A region of any level; default: all of the caller's area. */
  within: REGION.optional(),
  from: DATE.optional(),
  to: DATE.optional(),
  agentId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

export const visitListQuerySchema = z.object(listFilter);
export type VisitListQuery = z.input<typeof visitListQuerySchema>;

export const visitListSchema = z.object({ total: z.number(), visits: z.array(visitSchema) });

export const recordOutreachSchema = z.object({
  id: z.uuid('must be a UUID'),
  desa: DESA,
  /** The agent who held it: absent for an agent's own event, or one held by village staff. */
  agentId: z.number().int().positive().optional(),
  heldOn: DATE,
  place: z.string().trim().min(1).max(200),
  /** Who came: PKK, karang taruna, a dusun's households, … */
  audience: z.string().trim().min(1).max(200),
  attendance: z.number().int().min(0).max(100_000),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type RecordOutreachInput = z.input<typeof recordOutreachSchema>;

export const outreachSchema = z.object({
  id: z.string(),
  desa: z.string(),
  agentId: z.number().nullable(),
  agentNama: z.string().nullable(),
  heldOn: z.string(),
  place: z.string(),
  audience: z.string(),
  attendance: z.number(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Outreach = z.infer<typeof outreachSchema>;

export const recordedOutreachSchema = z.object({ created: z.boolean(), event: outreachSchema });

export const outreachListQuerySchema = z.object(listFilter);
export type OutreachListQuery = z.input<typeof outreachListQuerySchema>;

export const outreachListSchema = z.object({ total: z.number(), events: z.array(outreachSchema) });
