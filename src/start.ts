// Brings Pesiar's data layer up, the same way for the server and the CLI:
// open the database, apply migrations, load the region reference data.
import { type Database, type DatabaseConfig, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { ensureRegionsLoaded } from './regions/regions.service.ts';

export async function startDatabase(config: DatabaseConfig): Promise<Database> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    await ensureRegionsLoaded(database);
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
