// Refusals, mapped to 401/403/429 by the HTTP error handler and to one line by the CLI.

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
