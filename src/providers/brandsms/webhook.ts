import { createHash, timingSafeEqual } from 'node:crypto';
import type { ProviderStatusReport, ReportedStatus, WebhookParse, WebhookRequest } from '../adapter.js';
import { parseZonedDateTime } from '../zoned-time.js';

/** BrandSMS's `statusID`s; pending (3) changes nothing in Switchboard and is only recorded. */
const STATUSES: Record<string, { status: ReportedStatus | null; error?: { code: string; message: string } }> = {
  '0': { status: 'SENT' },
  '1': { status: 'DELIVERED' },
  '2': { status: 'FAILED', error: { code: 'FAILED', message: 'BrandSMS reported the message failed (statusID 2)' } },
  '3': { status: null },
  '4': { status: 'FAILED', error: { code: 'ERROR', message: 'BrandSMS reported an error sending the message (statusID 4)' } },
};

const REQUIRED = ['smsID', 'number', 'statusID', 'date'] as const;

/**
 * A status callback: GET with `key, smsID, number, statusID, date` in the query. The only proof
 * of origin BrandSMS offers is `key`, the callback key shared with it; nothing signs the other
 * values, so a changed `smsID` or `statusID` reads as a different delivery (different dedupKey).
 */
export function parseBrandSmsCallback(request: WebhookRequest, callbackKey: string, timeZone: string): WebhookParse {
  const key = request.query.get('key');
  if (!key) return { ok: false, reason: 'UNAUTHORIZED', message: 'the callback carries no key' };
  if (!sameSecret(key, callbackKey)) return { ok: false, reason: 'UNAUTHORIZED', message: 'the callback key does not match the connection' };

  const missing = REQUIRED.filter((name) => !request.query.get(name));
  if (missing.length > 0) return { ok: false, reason: 'MALFORMED', message: `the callback lacks ${missing.join(', ')}` };
  const [smsID, , statusID, date] = REQUIRED.map((name) => request.query.get(name) ?? '') as [string, string, string, string];

  const known = Object.hasOwn(STATUSES, statusID) ? STATUSES[statusID] : undefined;
  if (!known) return { ok: false, reason: 'MALFORMED', message: `unknown statusID "${statusID}"` };
  const at = parseZonedDateTime(date, timeZone);
  if (!at) return { ok: false, reason: 'MALFORMED', message: `date "${date}" is not Y-m-d H:i:s` };

  const report: ProviderStatusReport = { providerMessageId: smsID, status: known.status, providerStatus: statusID, at, ...(known.error ? { error: known.error } : {}) };
  return { ok: true, reports: [report], dedupKey: `${smsID}|${statusID}|${date}` };
}

/** Constant time whatever the lengths: equal-length digests are compared, never the strings. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
