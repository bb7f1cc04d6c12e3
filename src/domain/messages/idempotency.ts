import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema.js';
import { DAY } from '../../db/timestamps.js';

/** How long a key remembers its first request. */
export const IDEMPOTENCY_WINDOW_MS = DAY;

export const requestHash = (request: unknown): string => createHash('sha256').update(JSON.stringify(request)).digest('hex');

export type IdempotencyClaim = { fresh: true } | { fresh: false; sameRequest: boolean; resultId: string | null };

/**
 * Takes the key inside the accepting transaction. A concurrent request with the same key waits
 * on the row until the first commits, then sees its result, so both get one message.
 */
export async function claimIdempotencyKey(
  tx: Db,
  claim: { accountId: string; key: string; operation: string; requestHash: string; now: Date },
): Promise<IdempotencyClaim> {
  const expiresAt = new Date(claim.now.getTime() + IDEMPOTENCY_WINDOW_MS).toISOString();
  const fresh = { accountId: claim.accountId, key: claim.key, operation: claim.operation, requestHash: claim.requestHash, resultId: null, expiresAt };
  const inserted = await tx
    .insert(idempotencyKeys)
    .values(fresh)
    .onConflictDoUpdate({
      target: [idempotencyKeys.accountId, idempotencyKeys.key],
      set: { operation: fresh.operation, requestHash: fresh.requestHash, resultId: null, expiresAt, createdAt: sql`now()` },
      // An expired key starts over; a live one is left as it is.
      setWhere: sql`${idempotencyKeys.expiresAt} <= ${claim.now.toISOString()}::timestamptz`,
    })
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { fresh: true };
  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.accountId, claim.accountId), eq(idempotencyKeys.key, claim.key)));
  return {
    fresh: false,
    sameRequest: existing?.operation === claim.operation && existing.requestHash === claim.requestHash,
    resultId: existing?.resultId ?? null,
  };
}

export async function rememberIdempotentResult(tx: Db, accountId: string, key: string, resultId: string): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ resultId })
    .where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)));
}
