import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { newId } from '../db/ids.js';
import { webhookReceipts } from '../db/schema.js';

/** Query parameters that carry a secret (BrandSMS sends its callback key in the URL). */
const SECRET_PARAMETERS = new Set(['key', 'api_key', 'apikey', 'secret', 'token', 'password', 'signature', 'callbackkey']);

/** The query string with every secret value replaced, fit to store or log. */
export function redactQuery(query: URLSearchParams): string {
  const safe = new URLSearchParams();
  for (const [name, value] of query) safe.append(name, SECRET_PARAMETERS.has(name.toLowerCase()) ? '[redacted]' : value);
  return safe.toString();
}

/**
 * Stores a verified call as received, once: returns false when a receipt with the same dedup key
 * exists (a provider's retry or a replay), so the caller changes nothing.
 */
export async function recordReceipt(db: Db, receipt: { connectionId: string; dedupKey: string; method: string; query: URLSearchParams; body: string }): Promise<string | undefined> {
  const [row] = await db
    .insert(webhookReceipts)
    .values({ id: newId(), connectionId: receipt.connectionId, dedupKey: receipt.dedupKey, method: receipt.method, query: redactQuery(receipt.query), body: receipt.body, applied: 0 })
    .onConflictDoNothing()
    .returning({ id: webhookReceipts.id });
  return row?.id;
}

export async function markReceiptApplied(db: Db, id: string, applied: number): Promise<void> {
  await db.update(webhookReceipts).set({ applied: sql`${applied}` }).where(eq(webhookReceipts.id, id));
}
