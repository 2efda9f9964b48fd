// The answers a route gives when it refuses, as response schemas: the app's
// error handler turns every refusal into `{ error: 'field: message' }`.
import { z } from 'zod';

export const errorSchema = z.object({ error: z.string() });

/** What a route that checks its input and its caller may answer besides success. */
export const refusals = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
