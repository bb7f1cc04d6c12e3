import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import type { Database } from '../src/db/client.js';
import { createAccount } from '../src/domain/accounts/create.js';
import { createTestDatabase } from './support/database.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('createAccount', () => {
  it('makes one account when two creations of the same name race, and tells the other it exists', async () => {
    const name = `Race ${Date.now()}`;
    const results = await Promise.all([createAccount(database.db, systemClock, name), createAccount(database.db, systemClock, name.toUpperCase())]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({
      ok: false,
      errors: [{ field: ['name'], code: 'INVALID_VALUE', message: expect.stringContaining('already exists') }],
    });
  });

  it('refuses a blank name and an unknown country', async () => {
    expect(await createAccount(database.db, systemClock, '  ')).toMatchObject({ ok: false, errors: [{ field: ['name'], code: 'BLANK' }] });
    expect(await createAccount(database.db, systemClock, 'Somewhere', 'XX')).toMatchObject({ ok: false, errors: [{ field: ['country'] }] });
  });
});
