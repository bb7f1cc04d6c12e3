import { afterAll, describe, expect, it } from 'vitest';
import { connectPostgres, type Database } from '../src/db/client.js';
import { expectedMigrationCount, isMigrated, migrate, MIGRATION_LOCK_ID } from '../src/db/migrate.js';
import { createTestDatabase, createEmptyPostgresDatabase, onPostgres } from './support/database.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('migrations', () => {
  it('re-running them on an up-to-date database changes nothing', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    expect(await isMigrated(database)).toBe(true);
    await migrate(database);
    expect(await isMigrated(database)).toBe(true);
  });

  it.skipIf(!onPostgres)('two instances starting together on PostgreSQL apply each migration once', async () => {
    const { url, drop } = await createEmptyPostgresDatabase();
    const instances: Database[] = [connectPostgres(url, 2), connectPostgres(url, 2)];
    cleanups.push(async () => {
      await Promise.all(instances.map((instance) => instance.close()));
      await drop();
    });
    expect(await isMigrated(instances[0]!).catch(() => false)).toBe(false);

    await Promise.all(instances.map((instance) => instance.withExclusiveLock(MIGRATION_LOCK_ID, () => migrate(instance))));

    for (const instance of instances) expect(await isMigrated(instance)).toBe(true);
    const probe = connectPostgres(url, 1);
    cleanups.push(() => probe.close());
    const applied = await (probe.db as unknown as { $client: import('pg').Pool }).$client.query(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    );
    expect(applied.rows[0].n).toBe(expectedMigrationCount());
  });
});
