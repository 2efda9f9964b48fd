// Agen Pesiar: an appointment by a village government's decree (SK), its
// changes, and how an agent is shown. Shared by the HTTP API, the CLI and the
// agents' app, so this file imports nothing but Zod.
import { z } from 'zod';

/** A region code of any level, plain (1502172006) or dotted (15.02.17.2006). */
export const REGION = z.string().trim().min(2).max(13);
/** A village code, plain or dotted. */
export const DESA = z
  .string()
  .trim()
  .regex(/^(?:\d{10}|\d{2}\.\d{2}\.\d{2}\.\d{4})$/, 'must be a village code (10 digits)');
export const DATE = z.iso.date('must be a date YYYY-MM-DD');

/**
 * An Indonesian mobile number in international form (+628…), from the ways
 * people write it: 0812-3456-7890, +62 812 3456 7890, 62812…; null when it is
 * not one. Stored so, it is one number however it was typed, and the agents'
 * app can dial or message it.
 */
export function normaliseTelepon(raw: string): string | null {
  const compact = raw.replace(/[\s().-]/g, '');
  const m = /^(?:\+62|62|0)(8\d{8,11})$/.exec(compact);
  return m ? `+62${m[1]}` : null;
}

export const appointAgentSchema = z.object({
  /** The agent's login: a new user (a password is generated), or an existing one taken. */
  user: z.string().trim().min(2).max(63),
  nama: z.string().trim().min(2).max(200),
  telepon: z.string().trim().min(1).max(30).optional(),
  /** The village whose government appointed the agent. */
  desa: DESA,
  skNomor: z.string().trim().min(1).max(100),
  skTanggal: DATE,
  aktifMulai: DATE,
  /** The last day of the term; absent: open-ended. */
  aktifSampai: DATE.optional(),
  /** The villages served (default: the appointing village); a village has at most 8 agents. */
  villages: z.array(DESA).min(1).max(20).optional(),
});
export type AppointAgentInput = z.input<typeof appointAgentSchema>;

export const updateAgentSchema = z.object({
  /** null clears it. */
  telepon: z.string().trim().min(1).max(30).nullable().optional(),
  /** The last day of the term (a past day ends it now); null: open-ended again. */
  aktifSampai: DATE.nullable().optional(),
  /** The villages served, as a whole new list. */
  villages: z.array(DESA).min(1).max(20).optional(),
});
export type UpdateAgentInput = z.input<typeof updateAgentSchema>;

export const agentSchema = z.object({
  id: z.number(),
  user: z.string(),
  nama: z.string(),
  telepon: z.string().nullable(),
  desa: z.string(),
  skNomor: z.string(),
  skTanggal: z.string(),
  aktifMulai: z.string(),
  aktifSampai: z.string().nullable(),
  /** The term covers today (Asia/Jakarta). */
  aktif: z.boolean(),
  villages: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Agent = z.infer<typeof agentSchema>;

export const appointedAgentSchema = agentSchema.extend({
  /** A new user's password, shown once (null when an existing user was taken). */
  generatedPassword: z.string().nullable(),
});
export type AppointedAgent = z.infer<typeof appointedAgentSchema>;

export const AGENT_STATUSES = ['aktif', 'selesai'] as const;

export const agentListQuerySchema = z.object({
  /** A region of any level; default: all of the caller's area. */
  within: REGION.optional(),
  /** aktif: term covers today; selesai: term ended. Default: both. */
  status: z.enum(AGENT_STATUSES).optional(),
});
export type AgentListQuery = z.input<typeof agentListQuerySchema>;
