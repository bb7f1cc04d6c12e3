import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { bulkSends, type BulkSendRow } from '../../db/schema.js';
import { chooseRoute, firstAttemptAt } from '../providers/route.js';
import { fail, type Result, type UserError } from '../result.js';
import { validateInput } from '../validation.js';
import type { Viewer } from '../viewer.js';
import { claimIdempotencyKey, rememberIdempotentResult, requestHash } from './idempotency.js';
import { estimateBody } from './segments.js';
import { checkMessage } from './send.js';
import { findBulkSend, insertEvents, insertMessages, type NewMessage } from './store.js';

export const MAX_BULK_SIZE = 10_000;
// PostgreSQL takes at most 65,535 parameters a statement: insert in chunks well below that.
const INSERT_CHUNK = 2_000;

const bulkInput = z.object({
  messages: z
    .array(z.object({ to: z.string(), body: z.string().nullish(), sendAt: z.string().nullish() }))
    .min(1, `must have 1 to ${MAX_BULK_SIZE} messages`)
    .max(MAX_BULK_SIZE, `must have 1 to ${MAX_BULK_SIZE} messages`),
  body: z.string().nullish(),
  sendAt: z.string().nullish(),
  sender: z.string().trim().min(1, 'must not be blank').max(15, 'must be at most 15 characters').nullish(),
  idempotencyKey: z.string().trim().min(1, 'must not be blank').max(255, 'must be at most 255 characters').nullish(),
  allOrNothing: z.boolean().nullish(),
  providerId: z.string().nullish(),
});

export type SendBulkInput = z.input<typeof bulkInput>;

export interface AcceptedBulk {
  bulk: BulkSendRow;
  /** The items refused, each under ["input", "messages", "<index>", field]. */
  rejected: UserError[];
  created: boolean;
}

/** Many messages in one request: valid ones are accepted, invalid ones reported by index. */
export async function sendBulk(db: Db, clock: Clock, viewer: Viewer, input: SendBulkInput): Promise<Result<AcceptedBulk>> {
  const parsed = validateInput(bulkInput, input);
  if (!parsed.ok) return parsed;
  const now = clock.now();
  const { messages: items, sender, idempotencyKey, allOrNothing, providerId } = parsed.value;
  const rejected: UserError[] = [];
  const accepted: Array<{ to: string; body: string; sendAt: Date | null }> = [];
  items.forEach((item, index) => {
    const root = ['input', 'messages', String(index)];
    const body = item.body ?? parsed.value.body ?? '';
    if (body.trim().length === 0) {
      rejected.push({ field: [...root, 'body'], code: 'BLANK', message: 'must not be blank (give it here or as the top-level body)' });
      return;
    }
    const checked = checkMessage({ to: item.to, body, sendAt: item.sendAt ?? parsed.value.sendAt }, root, now, viewer.account.defaultCountry);
    if (checked.ok) accepted.push({ to: checked.to, body, sendAt: checked.sendAt });
    else rejected.push(...checked.errors);
  });
  if (allOrNothing && rejected.length > 0) return { ok: false, errors: rejected };

  return db.transaction(async (tx): Promise<Result<AcceptedBulk>> => {
    // Routed before the idempotency key is claimed: a refusal must leave the key unused.
    const routed = await chooseRoute(tx, viewer.accountId, providerId);
    if (!routed.ok) return routed;
    const { connection, pinned } = routed.route;
    if (idempotencyKey) {
      const hash = requestHash({ items, body: parsed.value.body ?? null, sendAt: parsed.value.sendAt ?? null, sender: sender ?? null, allOrNothing: Boolean(allOrNothing), providerId: providerId ?? null });
      const claim = await claimIdempotencyKey(tx, { accountId: viewer.accountId, key: idempotencyKey, operation: 'sendBulk', requestHash: hash, now });
      if (!claim.fresh) {
        if (!claim.sameRequest || !claim.resultId) {
          return fail(['input', 'idempotencyKey'], 'IDEMPOTENCY_KEY_REUSED', 'was used in the last 24 hours for a different request');
        }
        return { ok: true, bulk: (await findBulkSend(tx, viewer.accountId, claim.resultId))!, rejected, created: false };
      }
    }
    const [bulk] = await tx
      .insert(bulkSends)
      .values({ id: newId(), accountId: viewer.accountId, total: items.length, accepted: accepted.length, rejected: items.length - accepted.length })
      .returning();
    const rows: NewMessage[] = accepted.map(({ to, body, sendAt }) => {
      const estimate = estimateBody(body);
      return {
        id: newId(),
        accountId: viewer.accountId,
        connectionId: connection.id,
        providerPinned: pinned,
        bulkId: bulk!.id,
        to,
        sender: sender ?? null,
        body,
        encoding: estimate.encoding,
        segments: estimate.segments,
        status: sendAt ? 'SCHEDULED' : 'QUEUED',
        scheduledAt: sendAt?.toISOString() ?? null,
        nextAttemptAt: firstAttemptAt(connection, sendAt, now).toISOString(),
      };
    });
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      await insertMessages(tx, chunk);
      await insertEvents(tx, chunk.map((m) => ({ id: newId(), messageId: m.id, status: m.status, applied: true, at: now.toISOString() })));
    }
    if (idempotencyKey) await rememberIdempotentResult(tx, viewer.accountId, idempotencyKey, bulk!.id);
    return { ok: true, bulk: bulk!, rejected, created: true };
  });
}

