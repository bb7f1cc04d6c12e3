import type { ReportedStatus } from '../adapter.js';

/** SMS Provider's statuses (any case). Queued changes nothing for Switchboard: recorded only. */
const STATUSES: Record<string, ReportedStatus | null> = {
  queued: null,
  sent: 'SENT',
  delivered: 'DELIVERED',
  failed: 'FAILED',
  expired: 'EXPIRED',
};

/** An undocumented status is recorded without moving the message. */
export function toReportedStatus(providerStatus: string): ReportedStatus | null {
  return STATUSES[providerStatus.toLowerCase()] ?? null;
}

/**
 * When the status was reached: the matching `<status>_at` field (`sent_at`, `delivered_at`; we
 * expect `failed_at` / `expired_at` the same way), else the fallback.
 */
export function statusTime(fields: Record<string, unknown>, providerStatus: string, fallback: Date): Date {
  const value = fields[`${providerStatus.toLowerCase()}_at`];
  const at = typeof value === 'string' ? new Date(value) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : fallback;
}
