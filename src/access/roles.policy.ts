// Who may do what, and where. A user holds (role, region) grants; a grant on
// a region covers every region below it (codes are hierarchical: 15 ⊃ 1502 ⊃
// 150217 ⊃ 1502172006). An action is allowed on a region when some grant of a
// role that holds the permission covers it. This file is the whole policy:
// routes and CLI commands name a permission, never a role.
import type { Role } from '../db/schema.ts';

export type { Role };

export const ROLES: readonly Role[] = [
  'admin',
  'provinsi',
  'pemda',
  'bpjs',
  'operator_desa',
  'agen',
] as const;

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'system administrator: users, audit, everything (NIK masked)',
  provinsi: 'province: reads its province (NIK masked)',
  pemda: 'district government office: reads its district, follow-up actions, district proposals',
  bpjs: 'BPJS branch: imports extracts, reconciles, verifies registrations in its districts',
  operator_desa: 'village operator: imports and maintains the register of its villages',
  agen: "field agent: its villages' worklists, visits and proposals",
};

/** The region level a role's grants sit at (admin: none, the whole country). */
export const ROLE_LEVEL: Record<Role, 'provinsi' | 'kabupaten' | 'desa' | null> = {
  admin: null,
  provinsi: 'provinsi',
  pemda: 'kabupaten',
  bpjs: 'kabupaten',
  operator_desa: 'desa',
  agen: 'desa',
};

const ALL = ROLES;
export const PERMISSIONS = {
  'regions:read': ALL,
  'imports:read': ['admin', 'provinsi', 'pemda', 'bpjs', 'operator_desa'],
  'imports:population': ['admin', 'pemda', 'operator_desa'],
  'imports:membership': ['admin', 'bpjs'],
  'imports:population_figures': ['admin', 'pemda', 'bpjs'],
  'persons:read': ALL,
  // Region indicators are counts, not people: every role reads them for every
  // region (forums compare districts and provinces), whatever its grants.
  'indicators:read': ALL,
  // Run the monthly reconciliation for a region of one's grants.
  'reconcile:run': ['admin', 'pemda', 'bpjs'],
  // Decide uncertain pairs: needs both records with full identifiers.
  'reconcile:review': ['admin', 'bpjs', 'operator_desa'],
  'persons:export': ALL,
  // Fieldwork (Sisir, Advokasi, Registrasi). Agents are appointed by the
  // village government (its operator) or the district office.
  'agents:read': ['admin', 'provinsi', 'pemda', 'bpjs', 'operator_desa', 'agen'],
  'agents:manage': ['admin', 'pemda', 'operator_desa'],
  // Household worklists: people by name, for those who visit or plan.
  'targets:read': ['admin', 'pemda', 'bpjs', 'operator_desa', 'agen'],
  // Log visits and outreach (operators enter paper forms for agents).
  'visits:write': ['admin', 'operator_desa', 'agen'],
  'visits:read': ['admin', 'pemda', 'bpjs', 'operator_desa', 'agen'],
  'proposals:create': ['admin', 'operator_desa', 'agen'],
  'proposals:read': ['admin', 'provinsi', 'pemda', 'bpjs', 'operator_desa', 'agen'],
  // Verify, register or reject: which office, by pathway (src/fieldwork/proposals.policy.ts).
  'proposals:decide': ['admin', 'pemda', 'bpjs'],
  // Performance and budget: counts and money, no person's data.
  'performance:read': ALL,
  'budget:read': ['admin', 'provinsi', 'pemda', 'bpjs'],
  'settings:uhc_prioritas': ['admin', 'pemda', 'bpjs'],
  // Employer compliance (BPJS branch, Disnaker in the district office).
  'compliance:read': ['admin', 'provinsi', 'pemda', 'bpjs'],
  'compliance:manage': ['admin', 'pemda', 'bpjs'],
  // Forum meetings and their follow-up actions.
  'forum:read': ALL,
  'forum:manage': ['admin', 'provinsi', 'pemda', 'bpjs'],
  'audit:read': ['admin'],
  'users:manage': ['admin'],
  'data:purge': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Roles that work with people by identifier and see NIK and noka in full. */
export const FULL_IDENTIFIER_ROLES: readonly Role[] = ['operator_desa', 'bpjs', 'agen'];

export interface Grant {
  role: Role;
  /** Plain region code; null for a system-wide (admin) grant. */
  region: string | null;
}

/**
 * Where a permission reaches: everywhere, or the regions under some prefixes
 * (an empty list: nowhere).
 */
export type Scope = { everywhere: true } | { everywhere: false; prefixes: string[] };

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function scopeOf(grants: readonly Grant[], permission: Permission): Scope {
  return scopeOfRoles(
    grants.filter((g) => roleHas(g.role, permission)),
    () => true,
  );
}

/** Where the actor sees NIK and noka in full. */
export function fullIdentifierScope(grants: readonly Grant[]): Scope {
  return scopeOfRoles(grants, (role) => FULL_IDENTIFIER_ROLES.includes(role));
}

function scopeOfRoles(grants: readonly Grant[], keep: (role: Role) => boolean): Scope {
  const codes: string[] = [];
  for (const g of grants) {
    if (!keep(g.role)) continue;
    if (g.region === null) return { everywhere: true };
    codes.push(g.region);
  }
  // Drop codes already covered by a shorter one: 15 covers 1502.
  const prefixes = [...new Set(codes)]
    .sort((a, b) => a.length - b.length)
    .filter((code, i, all) => !all.slice(0, i).some((p) => code !== p && code.startsWith(p)));
  return { everywhere: false, prefixes };
}

export function isAllowedAnywhere(scope: Scope): boolean {
  return scope.everywhere || scope.prefixes.length > 0;
}

/** Whether the grants hold the permission on some region. */
export function mayAnywhere(grants: readonly Grant[], permission: Permission): boolean {
  return isAllowedAnywhere(scopeOf(grants, permission));
}

/** The region (any level) lies inside the scope. */
export function covers(scope: Scope, region: string): boolean {
  return scope.everywhere || scope.prefixes.some((p) => region.startsWith(p));
}

/**
 * Narrows a scope to one region: the region itself when the scope covers it,
 * the scope's parts inside it when it covers only some (a province asked of a
 * district user), or null when they do not meet.
 */
export function narrow(scope: Scope, region: string): Scope | null {
  if (covers(scope, region)) return { everywhere: false, prefixes: [region] };
  if (scope.everywhere) return null;
  const inside = scope.prefixes.filter((p) => p.startsWith(region));
  return inside.length > 0 ? { everywhere: false, prefixes: inside } : null;
}
