import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import type { MessageRow } from '../../db/schema.js';
import { DAY } from '../../db/timestamps.js';
import { chooseRoute, firstAttemptAt } from '../providers/route.js';
import { fail, type Result, type UserError } from '../result.js';
import { validateInput } from '../validation.js';
import type { Viewer } from '../viewer.js';
import { claimIdempotencyKey, rememberIdempotentResult, requestHash } from './idempotency.js';
import { toE164 } from './phone.js';
import { estimateBody } from './segments.js';
import { findMessagesByIds, insertEvents, insertMessages } from './store.js';

export const MAX_BODY_LENGTH = 1600;

const sendInput = z.object({
  to: z.string(),
  body: z.string().refine((body) => body.trim().length > 0, { message: 'must not be blank', params: { code: 'BLANK' } }),
  sender: z.string().trim().min(1, 'must not be blank').max(15, 'must be at most 15 characters').nullish(),
  sendAt: z.string().nullish(),
  idempotencyKey: z.string().trim().min(1, 'must not be blank').max(255, 'must be at most 255 characters').nullish(),
  /** A connection ID (already resolved from its global ID); without it the account's first. */
  providerId: z.string().nullish(),
  otp: z.boolean().nullish(),
});

export type SendInput = z.input<typeof sendInput>;

export interface AcceptedMessage {
  message: MessageRow;
  /** False when an idempotency key returned an earlier request's message. */
  created: boolean;
}

/** The rules shared by send and sendBulk: each failed rule is a UserError under `root`. */
export function checkMessage(
  input: { to: string; body: string; sendAt?: string | null },
  root: string[],
  now: Date,
  defaultCountry: string | null,
): { ok: true; to: string; sendAt: Date | null } | { ok: false; errors: UserError[] } {
  const errors: UserError[] = [];
  const phone = toE164(input.to, defaultCountry);
  if (!phone.ok) errors.push({ field: [...root, 'to'], code: 'INVALID_PHONE_NUMBER', message: phone.message });
  if (input.body.length > MAX_BODY_LENGTH) {
    errors.push({ field: [...root, 'body'], code: 'MESSAGE_TOO_LONG', message: `is ${input.body.length} characters; the limit is ${MAX_BODY_LENGTH}` });
  }
  let sendAt: Date | null = null;
  if (input.sendAt) {
    sendAt = new Date(input.sendAt);
    const tooLate = now.getTime() + 366 * DAY;
    if (sendAt.getTime() <= now.getTime()) errors.push({ field: [...root, 'sendAt'], code: 'INVALID_SCHEDULE_DATE', message: 'must be in the future' });
    else if (sendAt.getTime() > tooLate) errors.push({ field: [...root, 'sendAt'], code: 'INVALID_SCHEDULE_DATE', message: 'must be at most one year ahead' });
  }
  return errors.length ? { ok: false, errors } : { ok: true, to: (phone as { e164: string }).e164, sendAt };
}

/** Accepts one message: written, with its first event, in one transaction, then due for dispatch. */
export async function sendMessage(db: Db, clock: Clock, viewer: Viewer, input: SendInput): Promise<Result<AcceptedMessage>> {
  const parsed = validateInput(sendInput, input);
  if (!parsed.ok) return parsed;
  const now = clock.now();
  const checked = checkMessage(parsed.value, ['input'], now, viewer.account.defaultCountry);
  if (!checked.ok) return checked;
  const { body, sender, idempotencyKey, providerId, otp } = parsed.value;
  const estimate = estimateBody(body);

  return db.transaction(async (tx): Promise<Result<AcceptedMessage>> => {
    // Routed before the idempotency key is claimed: a refusal must leave the key unused.
    const routed = await chooseRoute(tx, viewer.accountId, providerId);
    if (!routed.ok) return routed;
    const { connection, pinned } = routed.route;
    if (idempotencyKey) {
      const hash = requestHash({
        to: checked.to,
        body,
        sender: sender ?? null,
        sendAt: checked.sendAt?.toISOString() ?? null,
        providerId: providerId ?? null,
        otp: Boolean(otp),
      });
      const claim = await claimIdempotencyKey(tx, { accountId: viewer.accountId, key: idempotencyKey, operation: 'send', requestHash: hash, now });
      if (!claim.fresh) {
        if (!claim.sameRequest || !claim.resultId) {
          return fail(['input', 'idempotencyKey'], 'IDEMPOTENCY_KEY_REUSED', 'was used in the last 24 hours for a different request');
        }
        const [first] = await findMessagesByIds(tx, viewer.accountId, [claim.resultId]);
        return { ok: true, message: first!, created: false };
      }
    }
    const status = checked.sendAt ? 'SCHEDULED' : 'QUEUED';
    const [message] = await insertMessages(tx, [
      {
        id: newId(),
        accountId: viewer.accountId,
        connectionId: connection.id,
        providerPinned: pinned,
        otp: Boolean(otp),
        to: checked.to,
        sender: sender ?? null,
        body,
        encoding: estimate.encoding,
        segments: estimate.segments,
        status,
        scheduledAt: checked.sendAt?.toISOString() ?? null,
        nextAttemptAt: firstAttemptAt(connection, checked.sendAt, now).toISOString(),
        idempotencyKey: idempotencyKey ?? null,
      },
    ]);
    await insertEvents(tx, [{ id: newId(), messageId: message!.id, status, applied: true, at: now.toISOString() }]);
    if (idempotencyKey) await rememberIdempotentResult(tx, viewer.accountId, idempotencyKey, message!.id);
    return { ok: true, message: message!, created: true };
  });
}
