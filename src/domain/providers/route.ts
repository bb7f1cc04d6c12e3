import type { Db } from '../../db/client.js';
import type { ProviderConnectionRow } from '../../db/schema.js';
import { isProviderKind, providerDefinition } from '../../providers/registry.js';
import { fail, type Result } from '../result.js';
import { findConnection, findDefaultConnection } from './store.js';

export interface Route {
  connection: ProviderConnectionRow;
  /** The caller named it: the message never goes out through another connection. */
  pinned: boolean;
}

/** The connection a new message goes through: the one named, or the account's first enabled. */
export async function chooseRoute(db: Db, accountId: string, providerId: string | null | undefined): Promise<Result<{ route: Route }>> {
  if (providerId) {
    const connection = await findConnection(db, accountId, providerId);
    if (!connection) return fail(['input', 'providerId'], 'NOT_FOUND', 'no provider connection with this ID in your account');
    if (!connection.enabled || connection.disconnectedAt) {
      return fail(['input', 'providerId'], 'PROVIDER_DISABLED', `the connection "${connection.label}" is ${connection.disconnectedAt ? 'disconnected' : 'disabled'}`);
    }
    return { ok: true, route: { connection, pinned: true } };
  }
  const connection = await findDefaultConnection(db, accountId);
  if (!connection) return fail(['input'], 'NO_PROVIDER', 'the account has no enabled provider connection; connect or enable one first');
  return { ok: true, route: { connection, pinned: false } };
}

/**
 * When the dispatcher first takes a message. A scheduled message waits in Switchboard until its
 * time, except at a provider that can both schedule and cancel: it is handed over at once, so
 * the provider sends it on time even if Switchboard is down then, and cancel still works.
 */
export function firstAttemptAt(connection: ProviderConnectionRow, sendAt: Date | null, now: Date): Date {
  return sendAt && !schedulesAtProvider(connection.kind) ? sendAt : now;
}

export function schedulesAtProvider(kind: string): boolean {
  if (!isProviderKind(kind)) return false;
  const { capabilities } = providerDefinition(kind);
  return capabilities.nativeScheduling && capabilities.nativeCancel;
}
