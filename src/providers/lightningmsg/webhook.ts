import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { WebhookParse, WebhookRequest } from '../adapter.js';
import { reportedStatus } from './status.js';

const payload = z.object({
  sms_id: z.union([z.string().min(1), z.number().transform(String)]),
  status: z.string().min(1),
  timestamp: z.string().min(1),
});

/** ISO 8601 as in the document's example (`2026-05-13T12:33:11Z`); fractions and offsets allowed. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A webhook: POST, JSON `{ sms_id, status, timestamp }` (sms.sent, sms.cancelled). LightningMSG
 * signs nothing; its only proof of origin is the custom headers set in its dashboard, so every
 * configured header must be there with its value. A changed body with the right headers cannot be
 * told from a real one: a changed `sms_id` or `status` reads as another delivery (another dedupKey).
 */
export function parseLightningMsgWebhook(request: WebhookRequest, webhookHeaders: Record<string, string>): WebhookParse {
  const refusal = checkHeaders(request, webhookHeaders);
  if (refusal) return { ok: false, reason: 'UNAUTHORIZED', message: refusal };
  if (request.method !== 'POST') return { ok: false, reason: 'MALFORMED', message: `LightningMSG calls webhooks with POST, not ${request.method}` };

  const parsed = payload.safeParse(readJson(request.rawBody));
  if (!parsed.success) return { ok: false, reason: 'MALFORMED', message: 'the body is not JSON with sms_id, status and timestamp' };
  const { sms_id: smsId, status, timestamp } = parsed.data;
  const at = readTimestamp(timestamp);
  if (!at) return { ok: false, reason: 'MALFORMED', message: `timestamp "${timestamp}" is not an ISO 8601 time` };

  return {
    ok: true,
    reports: [{ providerMessageId: smsId, status: reportedStatus(status), providerStatus: status, at }],
    // The 4 retries of one delivery carry the same body, so they share this key.
    dedupKey: `${smsId}|${status}|${timestamp}`,
  };
}

/** Why the headers do not prove LightningMSG sent the call, or undefined when they do. */
function checkHeaders(request: WebhookRequest, expected: Record<string, string>): string | undefined {
  const configured = Object.entries(expected);
  if (configured.length === 0) return 'the connection has no webhook headers to check';
  const missing = configured.filter(([name]) => request.headers[name.toLowerCase()] === undefined).map(([name]) => name);
  if (missing.length > 0) return `the webhook lacks the configured header(s) ${missing.join(', ')}`;
  // Every value is compared, matching or not, so the time taken does not tell which one differs.
  const matches = configured.map(([name, value]) => sameSecret(request.headers[name.toLowerCase()] ?? '', value));
  return matches.every(Boolean) ? undefined : 'a webhook header does not match the configured value';
}

/** Constant time whatever the lengths: equal-length digests are compared, never the strings. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function readJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A timestamp without an offset is read as UTC, as the document's example (with `Z`) suggests. */
function readTimestamp(text: string): Date | null {
  const match = ISO_TIMESTAMP.exec(text);
  if (!match) return null;
  const at = new Date(match[2] ? text : `${text}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}
