import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ProviderStatusReport, WebhookParse, WebhookRequest } from '../adapter.js';
import { statusTime, toReportedStatus } from './status.js';

export const SIGNATURE_HEADER = 'x-smsprovider-signature';

/**
 * The document lists message.delivered and message.failed; a failure's reason is not shown, so
 * we expect `failed_at` and `error: { code, message }` (the emulator sends the same). Any other
 * status that arrives (no expired event is documented) is mapped like a polled one.
 */
const payloadSchema = z.object({
  event: z.string().min(1),
  message_id: z.string().min(1),
  status: z.string().min(1).optional(),
  timestamp: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export function parseSmsProviderWebhook(request: WebhookRequest, webhookSecret: string): WebhookParse {
  const signature = request.headers[SIGNATURE_HEADER];
  if (!signature) return { ok: false, reason: 'UNAUTHORIZED', message: `the ${SIGNATURE_HEADER} header is missing` };
  if (!webhookSecret || !verifySignature(request.rawBody, signature, webhookSecret)) {
    return { ok: false, reason: 'UNAUTHORIZED', message: `the ${SIGNATURE_HEADER} header does not match the body` };
  }
  if (request.method.toUpperCase() !== 'POST') return { ok: false, reason: 'MALFORMED', message: 'SMS Provider webhooks are POST requests' };
  const body = readJson(request.rawBody);
  const parsed = payloadSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'MALFORMED', message: `not an SMS Provider webhook: ${parsed.error.issues[0]?.message ?? 'unreadable'}` };
  const payload = parsed.data;
  return {
    ok: true,
    reports: [toReport(payload, body as Record<string, unknown>)],
    dedupKey: `${payload.message_id}|${payload.event}|${payload.timestamp}`,
  };
}

/**
 * The document's example signs JSON.stringify(payload); we check the raw bytes as received
 * (which is what a sender signs, and what the emulator signs), since re-serialising a parsed body
 * need not give the same bytes. Digests of both sides make the compare constant-time and
 * equal-length whatever the header holds.
 */
function verifySignature(rawBody: Buffer, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(signature.trim().toLowerCase()), digest(expected));
}

function toReport(payload: z.infer<typeof payloadSchema>, fields: Record<string, unknown>): ProviderStatusReport {
  const providerStatus = payload.status ?? payload.event.replace(/^message\./, '');
  return {
    providerMessageId: payload.message_id,
    status: toReportedStatus(providerStatus),
    providerStatus,
    at: statusTime(fields, providerStatus, new Date(payload.timestamp * 1000)),
    ...(payload.error ? { error: payload.error } : {}),
  };
}

function readJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
}
