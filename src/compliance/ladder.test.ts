import { describe, expect, it } from 'vitest';
import type { Step } from './compliance.schema.ts';
import {
  allowedSteps,
  currentStep,
  isOverdue,
  refusalToStart,
  ruleDueOn,
  type StepState,
} from './ladder.ts';

const step = (s: Step, started_on: string, done_on: string | null = null): StepState => ({
  step: s,
  started_on,
  due_on: ruleDueOn(s, started_on),
  done_on,
});

describe('the sanctions ladder', () => {
  it('starts with the first warning, one rung at a time', () => {
    expect(refusalToStart([], 'TEGURAN_1', '2024-06-03')).toBeNull();
    expect(refusalToStart([], 'TEGURAN_2', '2024-06-03')).toMatch(/TEGURAN_1 comes first/);
    expect(refusalToStart([], 'DENDA', '2024-06-03')).toMatch(/TEGURAN_2 comes first/);
    const warned = [step('TEGURAN_1', '2024-06-03')];
    expect(refusalToStart(warned, 'TEGURAN_2', '2024-06-20')).toMatch(/TEGURAN_1 is not done/);
    expect(refusalToStart(warned, 'TEGURAN_1', '2024-06-20')).toMatch(/already started/);
    const done = [step('TEGURAN_1', '2024-06-03', '2024-06-17')];
    expect(refusalToStart(done, 'TEGURAN_2', '2024-06-17')).toBeNull();
    expect(refusalToStart(done, 'TEGURAN_2', '2024-06-14')).toMatch(/before TEGURAN_1 was done/);
    expect(refusalToStart(done, 'DENDA', '2024-06-20')).toMatch(/TEGURAN_2 comes first/);
  });

  it('allows SKK and joint inspection any time after the first warning started', () => {
    expect(refusalToStart([], 'SKK_KEJAKSAAN', '2024-06-03')).toMatch(/only after TEGURAN_1/);
    const warned = [step('TEGURAN_1', '2024-06-03')];
    expect(refusalToStart(warned, 'SKK_KEJAKSAAN', '2024-06-04')).toBeNull();
    expect(refusalToStart(warned, 'PEMERIKSAAN_BERSAMA', '2024-06-03')).toBeNull();
    expect(refusalToStart(warned, 'PEMERIKSAAN_BERSAMA', '2024-06-01')).toMatch(/before TEGURAN_1/);
    expect(allowedSteps(warned, '2024-06-05')).toEqual(['SKK_KEJAKSAAN', 'PEMERIKSAAN_BERSAMA']);
    expect(allowedSteps([], '2024-06-05')).toEqual(['TEGURAN_1']);
  });

  it('sets a warning due ten working days on, and nothing for the other steps', () => {
    expect(ruleDueOn('TEGURAN_1', '2024-06-07')).toBe('2024-06-21');
    expect(ruleDueOn('TEGURAN_2', '2024-06-08')).toBe('2024-06-21');
    expect(ruleDueOn('DENDA', '2024-06-07')).toBeNull();
    expect(ruleDueOn('SKK_KEJAKSAAN', '2024-06-07')).toBeNull();
  });

  it('calls a step overdue the day after its deadline, until it is done', () => {
    const s = step('TEGURAN_1', '2024-06-07'); // due 2024-06-21
    expect(isOverdue(s, '2024-06-21')).toBe(false);
    expect(isOverdue(s, '2024-06-22')).toBe(true);
    expect(isOverdue({ ...s, done_on: '2024-06-24' }, '2024-07-01')).toBe(false);
    expect(isOverdue(step('DENDA', '2024-06-07'), '2030-01-01')).toBe(false);
  });

  it('names the step begun last as the current one', () => {
    expect(currentStep([])).toBeNull();
    const steps = [
      step('TEGURAN_1', '2024-06-03', '2024-06-17'),
      step('TEGURAN_2', '2024-06-18'),
      step('PEMERIKSAAN_BERSAMA', '2024-06-10'),
    ];
    expect(currentStep(steps)?.step).toBe('TEGURAN_2');
  });
});
