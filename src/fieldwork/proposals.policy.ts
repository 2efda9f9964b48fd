// Who moves a proposal on, by pathway and region: the office that verifies
// the pathway (the district office for state-paid registrations and
// reactivations, the BPJS branch for the rest) verifies; only the BPJS
// branch, which issues the card, registers; either may reject. Admin may do
// all. The grant must cover the proposal's village.
import { type Grant, roleHas } from '../access/roles.policy.ts';
import type { Verifier } from './pathways.ts';

export type ProposalStep = 'verify' | 'register' | 'reject';

const ROLES_FOR: Record<ProposalStep, (verifier: Verifier) => readonly string[]> = {
  verify: (verifier) => ['admin', verifier],
  register: () => ['admin', 'bpjs'],
  reject: (verifier) => ['admin', verifier, 'bpjs'],
};

export function mayDecide(
  grants: readonly Grant[],
  step: ProposalStep,
  verifier: Verifier,
  desa: string,
): boolean {
  const roles = ROLES_FOR[step](verifier);
  return grants.some(
    (g) =>
      roleHas(g.role, 'proposals:decide') &&
      roles.includes(g.role) &&
      (g.region === null || desa.startsWith(g.region)),
  );
}

/** Who may take the step, in words, for a refusal. */
export function decidersOf(step: ProposalStep, verifier: Verifier): string {
  return ROLES_FOR[step](verifier)
    .filter((r) => r !== 'admin')
    .join(' / ');
}
