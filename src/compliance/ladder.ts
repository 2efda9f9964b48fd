// The sanctions ladder (domain.md, "Why a member is inactive"): two written
// warnings of ten working days each, then a fine, then withholding of public
// services, one rung at a time. Beside the ladder, a BPJS branch may hand the
// case to the prosecutor (SKK) or inspect jointly with Disnaker, any time after
// the first warning. Pure rules over a case's steps; no database.
import { LADDER_STEPS, SIDE_STEPS, type Step } from './compliance.schema.ts';
import { addWorkingDays } from './working-days.ts';

/** Working days an employer is given to comply with a warning. */
export const WARNING_WORKING_DAYS = 10;

export interface StepState {
  step: Step;
  started_on: string;
  due_on: string | null;
  done_on: string | null;
}

const isLadder = (step: Step) => (LADDER_STEPS as readonly Step[]).includes(step);

/** A warning's deadline: ten working days after it was given. Other steps: none by rule. */
export function ruleDueOn(step: Step, startedOn: string): string | null {
  return step === 'TEGURAN_1' || step === 'TEGURAN_2'
    ? addWorkingDays(startedOn, WARNING_WORKING_DAYS)
    : null;
}

/**
 * Why the step may not start on that date given the case's steps, or null
 * when it may: each step once; a ladder rung only when the rung below is
 * done, and not before the day it was done; SKK and joint inspection only
 * once the first warning has started, and not before it.
 */
export function refusalToStart(
  steps: readonly StepState[],
  step: Step,
  startedOn: string,
): string | null {
  const same = steps.find((s) => s.step === step);
  if (same) return `${step}: already started on ${same.started_on}`;
  if (isLadder(step)) {
    const index = LADDER_STEPS.indexOf(step as (typeof LADDER_STEPS)[number]);
    if (index === 0) return null;
    const below = LADDER_STEPS[index - 1] as Step;
    const previous = steps.find((s) => s.step === below);
    if (!previous) return `${step}: ${below} comes first`;
    if (previous.done_on === null) return `${step}: ${below} is not done yet`;
    if (startedOn < previous.done_on) {
      return `${step}: cannot start before ${below} was done (${previous.done_on})`;
    }
    return null;
  }
  const first = steps.find((s) => s.step === 'TEGURAN_1');
  if (!first) return `${step}: only after TEGURAN_1 has started`;
  if (startedOn < first.started_on) {
    return `${step}: cannot start before TEGURAN_1 (${first.started_on})`;
  }
  return null;
}

/** The steps that may start now, ladder first. */
export function allowedSteps(steps: readonly StepState[], today: string): Step[] {
  return [...LADDER_STEPS, ...SIDE_STEPS].filter((s) => refusalToStart(steps, s, today) === null);
}

/** Past its deadline and not done (a step due today is not yet overdue). */
export function isOverdue(step: Pick<StepState, 'due_on' | 'done_on'>, today: string): boolean {
  return step.done_on === null && step.due_on !== null && step.due_on < today;
}

/** The step begun last (latest start, ladder order breaking ties), or null. */
export function currentStep<T extends StepState>(steps: readonly T[]): T | null {
  const order = [...LADDER_STEPS, ...SIDE_STEPS] as readonly Step[];
  let current: T | null = null;
  for (const s of steps) {
    if (
      current === null ||
      s.started_on > current.started_on ||
      (s.started_on === current.started_on && order.indexOf(s.step) > order.indexOf(current.step))
    ) {
      current = s;
    }
  }
  return current;
}
