// What the caller can correct (400), what is not there (404), and what
// clashes with the case as it stands (409): mapped by the HTTP error handler
// through statusCode, printed as one line by the CLI.
import type { z } from 'zod';

export class ComplianceInputError extends Error {
  readonly statusCode = 400;
}

export class ComplianceNotFound extends Error {
  readonly statusCode = 404;
}

export class ComplianceConflict extends Error {
  readonly statusCode = 409;
}

/** The input checked against its boundary schema; the first problem as `field: message`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'input';
  throw new ComplianceInputError(`${field}: ${issue?.message ?? 'invalid'}`);
}
