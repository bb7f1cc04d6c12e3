import type { ReportedStatus } from '../adapter.js';

/**
 * LightningMSG's statuses. It reports sending, never delivery, so nothing maps to DELIVERED.
 * `queued` (a send's answer) and `pending` (not sent yet) change nothing and are only recorded;
 * so is any status it may add later.
 */
const STATUSES: Record<string, ReportedStatus | null> = {
  queued: null,
  pending: null,
  sent: 'SENT',
  cancelled: 'CANCELLED',
};

export function reportedStatus(providerStatus: string): ReportedStatus | null {
  return Object.hasOwn(STATUSES, providerStatus) ? (STATUSES[providerStatus] ?? null) : null;
}
