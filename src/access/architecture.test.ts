// The data-layer rules that keep personal data behind one door, checked over
// the source tree: a later feature that reads residents or members any other
// way, or a route that runs its own SQL, fails this test.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.ts$/.test(entry.name) && !/\.(test|int\.test|testing)\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

const files = sources().map((path) => ({
  path: relative(SRC, path),
  text: readFileSync(path, 'utf8'),
}));

/** Tables that hold people. */
const PERSONAL = [
  'residents',
  'members',
  'resident_outcomes',
  'unlinked_members',
  'discrepancies',
  'targets',
  'target_history',
  'visits',
  'proposals',
  'proposal_people',
];
const NAMES_TABLE = new RegExp(
  `(?:selectFrom|deleteFrom|insertInto|updateTable|innerJoin|leftJoin|sql\\.table)\\(\\s*['"\`](?:${PERSONAL.join('|')})['"\`]|\\b(?:FROM|JOIN|INTO|UPDATE)\\s+(?:${PERSONAL.join('|')})\\b`,
  'i',
);

// The gateway reads; the importer writes (under its own imports:<kind> check);
// the indicators count (aggregates per village only: no person's row leaves
// the database there, and its reads use the indicators table alone).
const MAY_NAME_PERSONAL_TABLES = [
  'access/personal-data.repository.ts',
  'imports/imports.repository.ts',
  'indicators/indicators.repository.ts',
  // The monthly run reads both sides and writes its outcomes, in one transaction.
  'reconcile/reconcile.repository.ts',
  // Reads of the run's results: scoped, masked and audited like the gateway.
  'reconcile/outcomes.repository.ts',
  // Fieldwork: scoped by the actor's villages, masked and audited like the gateway.
  'fieldwork/targets.repository.ts',
  'fieldwork/visits.repository.ts',
  'fieldwork/proposals.repository.ts',
  'fieldwork/performance.repository.ts',
  // Employers' workers: the open targets that name the employer (scoped, audited).
  'compliance/employers.repository.ts',
];

describe('the personal-data door', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.path === 'access/personal-data.repository.ts')).toBe(true);
  });

  it('lets only the gateway and the importer name the personal-data tables in a query', () => {
    const offenders = files
      .filter((f) => NAMES_TABLE.test(f.text))
      .map((f) => f.path)
      .filter((p) => !MAY_NAME_PERSONAL_TABLES.includes(p));
    expect(offenders).toEqual([]);
    // …and the gateway does (so the pattern is alive).
    const gateway = files.find((f) => f.path === 'access/personal-data.repository.ts');
    expect(NAMES_TABLE.test(gateway?.text ?? '')).toBe(true);
  });

  it('keeps SQL out of route handlers and CLI commands', () => {
    const offenders = files
      .filter((f) => /\.(routes|cli)\.ts$/.test(f.path))
      .filter((f) =>
        /from 'kysely'|\.selectFrom\(|\.deleteFrom\(|\.insertInto\(|\.updateTable\(|sql`/.test(
          f.text,
        ),
      )
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('has every route declare its access policy', () => {
    const offenders = files
      .filter((f) => f.path.endsWith('.routes.ts'))
      .filter((f) => {
        const routes = f.text.match(/\bapp\.(get|post|put|patch|delete)\(/g)?.length ?? 0;
        const policies = f.text.match(/\baccess: \{/g)?.length ?? 0;
        return routes !== policies;
      })
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
