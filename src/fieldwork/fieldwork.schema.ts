// The boundaries of Sisir and Registrasi: worklist filters, proposals and
// their transitions, performance and budget queries. Imports nothing but Zod
// (the browser app imports this file) and the shared value patterns.
import { z } from 'zod';
import { PERIOD_PATTERN } from '../indicators/periods.ts';
import { DATE, REGION } from './agents.schema.ts';

const PERIOD = z.string().regex(PERIOD_PATTERN, 'must be YYYY-MM');

export const PATHWAY_VALUES = [
  'PBI_APBD',
  'PBI_APBN',
  'REAKTIVASI_DINSOS',
  'PENDAFTARAN_PPU',
  'PBPU_MANDIRI',
  'CICILAN_REHAB',
  'BAYAR_TUNGGAKAN',
  'PERBAIKAN_NIK',
  'PERBAIKAN_DATA',
] as const;
export const SEGMEN_VALUES = ['PBI_APBN', 'PBI_APBD', 'PPU', 'PBPU', 'BP'] as const;
export const PROPOSAL_STATUSES = [
  'DIAJUKAN',
  'DIVERIFIKASI',
  'TERDAFTAR',
  'DITOLAK',
  'TERKONFIRMASI_AKTIF',
] as const;

export const worklistQuerySchema = z.object({
  within: REGION.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type WorklistQueryInput = z.input<typeof worklistQuerySchema>;

export const proposalInputSchema = z.object({
  /** Made by the client (a phone offline), so a repeat creates nothing. */
  id: z.uuid('must be a UUID'),
  desa: REGION,
  household: z.string().trim().min(1).max(40),
  /** One person (ORANG: exactly one target) or the whole household (KELUARGA). */
  kind: z.enum(['ORANG', 'KELUARGA']),
  targetIds: z.array(z.number().int().positive()).max(30).optional(),
  pathway: z.enum(PATHWAY_VALUES),
  segmen: z.enum(SEGMEN_VALUES).optional(),
  kelas: z.number().int().min(1).max(3).optional(),
  documents: z.record(z.string().max(40), z.boolean()).default({}),
  proposedOn: DATE.optional(),
  /** An operator entering a paper form names the agent. */
  agentId: z.number().int().positive().optional(),
  note: z.string().trim().max(500).optional(),
});
export type ProposalInput = z.input<typeof proposalInputSchema>;

export const proposalIdSchema = z.uuid('a proposal id is a UUID');

export const verifyInputSchema = z.object({ note: z.string().trim().max(500).optional() });
export const registerInputSchema = z.object({
  /** The registration date; default today. */
  registeredOn: DATE.optional(),
  /** The card number of each person (by target id); an existing member keeps theirs. */
  noka: z
    .record(z.string().regex(/^\d+$/), z.string().regex(/^\d{13}$/, 'noka: 13 digits'))
    .default({}),
  note: z.string().trim().max(500).optional(),
});
export const rejectInputSchema = z.object({
  reason: z.string().trim().min(3, 'a reason').max(500),
});
export type RegisterInput = z.input<typeof registerInputSchema>;

export const proposalListQuerySchema = z.object({
  within: REGION.optional(),
  status: z.enum(PROPOSAL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const performanceQuerySchema = z.object({
  period: PERIOD,
  within: REGION.optional(),
});

export const budgetQuerySchema = z.object({
  year: z.coerce.number().int().min(2014).max(2100),
  within: REGION.optional(),
});

export const uhcPrioritasInputSchema = z.object({
  kabupaten: z.string().trim().min(4).max(5),
  validFrom: DATE,
  validUntil: DATE.optional(),
  note: z.string().trim().max(200).optional(),
});
