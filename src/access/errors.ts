// Refusals, mapped to 400/401/403/404/409/429 by the HTTP error handler (the
// first three here by their statusCode) and to one line by the CLI.
import type { z } from 'zod';

/** No valid session or token (401). */
export class NotAuthenticated extends Error {}

/** Authenticated, but not allowed this here (403). */
export class AccessDenied extends Error {}

/** Too many failed logins (429); retryAfter in seconds. */
export class TooManyAttempts extends Error {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(message);
  }
}

/** A request the caller can correct (400): `field: message`. */
export class InvalidRequest extends Error {
  readonly statusCode = 400;
}

/** What the request names is not there (404). */
export class NotFound extends Error {
  readonly statusCode = 404;
}

/** The request clashes with what is stored (409). */
export class Conflict extends Error {
  readonly statusCode = 409;
}

/** The input checked against its boundary schema; the first problem as `field: message` (400). */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'input';
  throw new InvalidRequest(`${field}: ${issue?.message ?? 'invalid'}`);
}
