import type { Db } from '../db/client.js';
import { applyStatusReport, findMessageIdByProviderId, type StatusChange } from '../domain/messages/apply-status.js';
import type { ProviderStatusReport } from '../providers/adapter.js';

/**
 * The one path for what providers report, verified before this point: find the message by the
 * provider's ID, record the event, move the status forward only. The caller publishes the change.
 */
export async function ingestProviderReport(db: Db, connectionId: string, report: ProviderStatusReport): Promise<StatusChange | undefined> {
  return (await ingestReport(db, connectionId, report)).change;
}

/** As ingestProviderReport, and says whether the message was found at all. */
export async function ingestReport(db: Db, connectionId: string, report: ProviderStatusReport): Promise<{ found: boolean; change?: StatusChange }> {
  const messageId = await findMessageIdByProviderId(db, connectionId, report.providerMessageId);
  if (!messageId) return { found: false };
  const change = await applyStatusReport(db, messageId, { status: report.status, providerStatus: report.providerStatus, at: report.at, error: report.error });
  return { found: true, change };
}
