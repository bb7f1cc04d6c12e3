import { count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accounts, type AccountRow } from '../../db/schema.js';

export async function insertAccount(db: Db, account: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [row] = await db.insert(accounts).values(account).returning();
  return row!;
}

export async function findAccountsByIds(db: Db, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(accounts).where(inArray(accounts.id, [...ids]));
}

export async function findAccountByName(db: Db, name: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(sql`lower(${accounts.name}) = lower(${name})`);
  return row;
}

export async function findAccountById(db: Db, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function countAccounts(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(accounts);
  return row?.n ?? 0;
}
