import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { messages, type MessageRow, type ProviderConnectionRow } from '../db/schema.js';
import { findConnectionById, findDefaultConnection } from '../domain/providers/store.js';
import type { ProviderAdapter, ProviderError } from '../providers/adapter.js';

export type RoutedGroup =
  | { ok: true; connection: ProviderConnectionRow; adapter: ProviderAdapter; messages: MessageRow[] }
  | { ok: false; error: ProviderError; messages: MessageRow[] };

const usable = (connection: ProviderConnectionRow | undefined): boolean => Boolean(connection && connection.enabled && !connection.disconnectedAt);

/**
 * Groups claimed messages by the connection they go out through. A message whose connection was
 * disabled or disconnected since it was accepted moves to the account's first usable one, unless
 * the caller named that connection: then it fails, rather than going somewhere it was not sent.
 */
export async function routeMessages(db: Db, claimed: MessageRow[], adapterFor: (connection: ProviderConnectionRow) => ProviderAdapter): Promise<RoutedGroup[]> {
  const connections = new Map<string, ProviderConnectionRow | undefined>();
  const defaults = new Map<string, ProviderConnectionRow | undefined>();
  const groups = new Map<string, RoutedGroup>();
  const moved = new Map<string, string[]>();

  for (const message of claimed) {
    const id = message.connectionId ?? '';
    if (!connections.has(id)) connections.set(id, id ? await findConnectionById(db, id) : undefined);
    let connection = connections.get(id);
    if (!connection || !usable(connection)) {
      if (message.providerPinned) {
        const state = connection?.disconnectedAt ? 'disconnected' : 'disabled';
        addTo(groups, `error:${state}`, message, () => ({ ok: false, error: { code: 'REJECTED', message: `the provider connection named on send is ${state}`, retryable: false }, messages: [] }));
        continue;
      }
      if (!defaults.has(message.accountId)) defaults.set(message.accountId, await findDefaultConnection(db, message.accountId));
      connection = defaults.get(message.accountId);
      if (!connection) {
        addTo(groups, 'error:none', message, () => ({ ok: false, error: { code: 'REJECTED', message: 'the account has no enabled provider connection', retryable: false }, messages: [] }));
        continue;
      }
      moved.set(connection.id, [...(moved.get(connection.id) ?? []), message.id]);
      message.connectionId = connection.id;
    }
    const target = connection;
    addTo(groups, target.id, message, () => ({ ok: true, connection: target, adapter: adapterFor(target), messages: [] }));
  }
  for (const [connectionId, ids] of moved) {
    await db.update(messages).set({ connectionId }).where(inArray(messages.id, ids));
  }
  return [...groups.values()];
}

function addTo(groups: Map<string, RoutedGroup>, key: string, message: MessageRow, create: () => RoutedGroup) {
  const group = groups.get(key) ?? create();
  groups.set(key, group);
  group.messages.push(message);
}
