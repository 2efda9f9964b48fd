// Boundary schemas of employer compliance and the forum follow-ups, shared by
// the HTTP API, the CLI and the browser app. Imports nothing but Zod.
import { z } from 'zod';

/** The sanctions ladder, in order: each rung only when the one below is done. */
export const LADDER_STEPS = [
  'TEGURAN_1',
  'TEGURAN_2',
  'DENDA',
  'PENGHENTIAN_LAYANAN_PUBLIK',
] as const;
/** Beside the ladder, any time after the first warning has started. */
export const SIDE_STEPS = ['SKK_KEJAKSAAN', 'PEMERIKSAAN_BERSAMA'] as const;
export const stepSchema = z.enum([...LADDER_STEPS, ...SIDE_STEPS]);
export type Step = z.infer<typeof stepSchema>;

export const caseStatusSchema = z.enum(['OPEN', 'CLOSED']);
/** PATUH: the employer complied (its workers registered); DITUTUP_LAINNYA: any other end. */
export const closeOutcomeSchema = z.enum(['PATUH', 'DITUTUP_LAINNYA']);

/** The offices that sit in a forum and own its actions. */
export const OFFICES = [
  'SEKDA',
  'DINKES',
  'DINSOS',
  'DUKCAPIL',
  'DISNAKER',
  'DPMD',
  'BAPPEDA',
  'BPJS',
  'DESA',
  'KECAMATAN',
] as const;
export const officeSchema = z.enum(OFFICES);
export const forumLevelSchema = z.enum(['desa', 'kecamatan', 'kabupaten', 'provinsi']);
export const actionStatusSchema = z.enum(['TERBUKA', 'PROSES', 'SELESAI', 'BATAL']);
export type ActionStatusValue = z.infer<typeof actionStatusSchema>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const dateSchema = z
  .string()
  .regex(ISO_DATE, 'a date, YYYY-MM-DD')
  .refine((text) => {
    const d = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
  }, 'not a calendar date');

const REGION_CODE = /^(?:\d{2}|\d{4}|\d{6}|\d{10}|\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)$/;
export const regionCodeSchema = z
  .string()
  .trim()
  .regex(REGION_CODE, 'a Kemendagri code, dotted or plain (e.g. 15.02 or 1502)');
export const kabupatenCodeSchema = z
  .string()
  .trim()
  .regex(/^(?:\d{4}|\d{2}\.\d{2})$/, 'a kabupaten/kota code (e.g. 15.02 or 1502)');

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.coerce.number().int().positive();
/** A query flag: true/false, 1/0, yes/no (or a boolean, when parsed again). */
const flag = z.union([
  z.boolean(),
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
]);

// Employers and their workers.

export const employersQuerySchema = z.object({
  within: regionCodeSchema.optional().describe('a region of your area; default: all of it'),
});
export type EmployersQuery = z.infer<typeof employersQuerySchema>;

export const employerSchema = z.object({
  kabupaten: z.string().describe('plain kabupaten code'),
  key: z.string().describe('the name key (upper case, legal forms stripped)'),
  nama: z.string().describe('the name on the case, else the spelling found most often'),
  names: z.array(z.string()).describe('every spelling found in the targets'),
  workers: z.number().int().describe('open targets naming the employer'),
  unregistered: z.number().int().describe('BELUM_TERDAFTAR, employer registration pathway'),
  stopped: z.number().int().describe('NONAKTIF because PPU stopped (PPU_BERHENTI)'),
  caseId: z.number().int().nullable().describe('the open case, if any'),
  currentStep: stepSchema.nullable(),
  currentStepDueOn: z.string().nullable(),
  overdue: z.boolean().describe('the open case has a step past its deadline and not done'),
});
export type EmployerView = z.infer<typeof employerSchema>;
export const employersSchema = z.object({ employers: z.array(employerSchema) });

export const employerParamsSchema = z.object({
  key: text(200).describe('the name key, or a name (it is normalised)'),
});
export const workersQuerySchema = z.object({
  within: regionCodeSchema.optional(),
  purpose: z.string().trim().min(3).max(200).optional().describe('why (recorded in the audit log)'),
});

export const workerSchema = z.object({
  kabupaten: z.string(),
  desa: z.string(),
  nama: z.string().nullable(),
  nik: z.string().nullable().describe('masked unless your role works with identifiers'),
  noka: z.string().nullable(),
  status: z.string(),
  alasanNonaktif: z.string().nullable(),
  pathway: z.string(),
  segmen: z.string().nullable(),
  pemberiKerja: z.string().describe('the spelling in the register or extract'),
});
export type WorkerView = z.infer<typeof workerSchema>;
export const workersSchema = z.object({ key: z.string(), workers: z.array(workerSchema) });

// Cases and their steps.

export const openCaseSchema = z.object({
  kabupaten: kabupatenCodeSchema,
  employer: text(200).describe('the employer’s name (reuses the employer of the same key)'),
  alamat: text(300).optional(),
  openedOn: dateSchema.optional().describe('default: today (Jakarta)'),
  note: text(1000).optional(),
});
export type OpenCaseInput = z.input<typeof openCaseSchema>;

export const startStepSchema = z.object({
  step: stepSchema,
  startedOn: dateSchema.optional().describe('default: today'),
  dueOn: dateSchema
    .optional()
    .describe('not for warnings (ten working days by rule); optional for the other steps'),
  note: text(1000).optional(),
});
export type StartStepInput = z.input<typeof startStepSchema>;

export const finishStepSchema = z.object({
  outcome: text(1000).describe(
    'what came of it (e.g. "3 pekerja didaftarkan", "tidak ada respons")',
  ),
  doneOn: dateSchema.optional().describe('default: today'),
});
export type FinishStepInput = z.input<typeof finishStepSchema>;

export const closeCaseSchema = z.object({
  outcome: closeOutcomeSchema,
  closedOn: dateSchema.optional().describe('default: today'),
  note: text(1000).optional().describe('required for DITUTUP_LAINNYA'),
});
export type CloseCaseInput = z.input<typeof closeCaseSchema>;

export const caseParamsSchema = z.object({ id });
export const stepParamsSchema = z.object({ id, stepId: id });

export const casesQuerySchema = z.object({
  within: regionCodeSchema.optional(),
  status: caseStatusSchema.optional(),
  overdue: flag.optional().describe('only open cases with a step past its deadline'),
});
export type CasesQuery = z.input<typeof casesQuerySchema>;

export const caseStepSchema = z.object({
  id: z.number().int(),
  step: stepSchema,
  startedOn: z.string(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  doneBy: z.string().nullable(),
  overdue: z.boolean(),
});
export type CaseStepView = z.infer<typeof caseStepSchema>;

export const caseSchema = z.object({
  id: z.number().int(),
  kabupaten: z.string(),
  employerId: z.number().int(),
  employer: z.string(),
  employerKey: z.string(),
  alamat: z.string().nullable(),
  openedOn: z.string(),
  openedBy: z.string(),
  status: caseStatusSchema,
  closedOn: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeOutcome: closeOutcomeSchema.nullable(),
  note: z.string().nullable(),
  closeNote: z.string().nullable(),
  currentStep: stepSchema.nullable(),
  overdue: z.boolean(),
  overdueSteps: z.array(stepSchema),
  allowedSteps: z.array(stepSchema).describe('the steps that may start today'),
  steps: z.array(caseStepSchema),
});
export type CaseView = z.infer<typeof caseSchema>;
export const casesSchema = z.object({ cases: z.array(caseSchema) });

// Forum meetings and their action items.

export const newMeetingSchema = z.object({
  heldOn: dateSchema,
  region: regionCodeSchema.describe('the region whose forum met'),
  level: forumLevelSchema.optional().describe("default: the region's level"),
  officesPresent: z.array(officeSchema).max(OFFICES.length).default([]),
  notes: text(4000).optional(),
});
export type NewMeetingInput = z.input<typeof newMeetingSchema>;

export const meetingsQuerySchema = z.object({
  within: regionCodeSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export type MeetingsQuery = z.input<typeof meetingsQuerySchema>;

export const meetingSchema = z.object({
  id: z.number().int(),
  heldOn: z.string(),
  level: forumLevelSchema,
  region: z.string(),
  regionName: z.string().nullable(),
  officesPresent: z.array(officeSchema),
  notes: z.string().nullable(),
  createdBy: z.string(),
  actions: z.number().int(),
  openActions: z.number().int(),
  overdueActions: z.number().int(),
});
export type MeetingView = z.infer<typeof meetingSchema>;
export const meetingsSchema = z.object({ meetings: z.array(meetingSchema) });

export const meetingParamsSchema = z.object({ id });
export const actionParamsSchema = z.object({ id });

export const newActionSchema = z.object({
  description: text(2000),
  responsibleOffice: officeSchema,
  dueOn: dateSchema,
  status: actionStatusSchema.default('TERBUKA'),
  evidence: text(2000).optional(),
});
export type NewActionInput = z.input<typeof newActionSchema>;

export const updateActionSchema = z
  .object({
    status: actionStatusSchema.optional(),
    evidence: text(2000).optional(),
    dueOn: dateSchema.optional().describe('a new due date agreed by the forum'),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    message: 'give status, evidence or dueOn',
  });
export type UpdateActionInput = z.input<typeof updateActionSchema>;

export const actionsQuerySchema = z.object({
  within: regionCodeSchema.optional(),
  meeting: id.optional(),
  office: officeSchema.optional(),
  status: actionStatusSchema.optional(),
  overdue: flag.optional().describe('only actions past their due date, not SELESAI or BATAL'),
});
export type ActionsQuery = z.input<typeof actionsQuerySchema>;

export const actionSchema = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  meetingHeldOn: z.string(),
  level: forumLevelSchema,
  region: z.string(),
  description: z.string(),
  responsibleOffice: officeSchema,
  dueOn: z.string(),
  status: actionStatusSchema,
  evidence: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  overdue: z.boolean(),
});
export type ActionView = z.infer<typeof actionSchema>;
export const actionsSchema = z.object({
  actions: z.array(actionSchema),
  overdue: z.number().int().describe('how many of them are overdue'),
});
