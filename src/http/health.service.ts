// Readiness: can this process query its database?
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

export async function databaseAnswers(database: Database): Promise<void> {
  await sql`SELECT 1`.execute(database.db);
}
