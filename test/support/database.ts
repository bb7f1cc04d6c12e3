import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { connectPostgres, openPglite, type Database, type QueryObserver } from '../../src/db/client.js';
import { databaseUrl } from './postgres.js';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database (not migrated); dropped by the returned Database's close. */
export async function createEmptyPostgresDatabase(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `switchboard_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${name}${template ? ` template ${template}` : ''}`);
        return;
      } catch (error) {
        // Two files copying the template at once: PostgreSQL refuses the second; try again.
        if (attempt > 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  return {
    url: databaseUrl(process.env.TEST_DATABASE_URL!, name),
    drop: () => withAdmin((client) => client.query(`drop database if exists ${name} with (force)`).then(() => undefined)),
  };
}

/** A migrated database of its own for one test file: PGlite by default, PostgreSQL with TEST_DATABASE_URL. */
export async function createTestDatabase(onQuery?: QueryObserver): Promise<Database> {
  const template = inject('postgresTemplate');
  if (template) {
    const { url, drop } = await createEmptyPostgresDatabase(template);
    const database = connectPostgres(url, 5, onQuery);
    return { ...database, close: async () => (await database.close(), await drop()) };
  }
  const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
  return openPglite(await PGlite.create({ loadDataDir: snapshot }), onQuery);
}
