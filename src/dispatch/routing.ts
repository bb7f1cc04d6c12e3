import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { providerConnections, type MessageRow, type ProviderConnectionRow } from '../db/schema.js';
import { findConnectionById } from '../domain/providers/store.js';

/** Where a message may go, in the order to try: failover walks this list. */
export type Route = { ok: true; candidates: ProviderConnectionRow[] } | { ok: false; reason: string };

const usable = (connection: ProviderConnectionRow | undefined): boolean => Boolean(connection && connection.enabled && !connection.disconnectedAt);

/** A connection limited to calling codes (["370"]) takes only numbers starting with one of them. */
export const servesNumber = (connection: ProviderConnectionRow, e164: string): boolean =>
  connection.countryCodes.length === 0 || connection.countryCodes.some((code) => e164.startsWith(`+${code}`));

/**
 * The connections each claimed message may go out through. A message that named its connection
 * (`providerId`) goes only there. Any other tries the account's enabled connections that serve
 * its number, in priority order, starting with the one chosen when it was accepted.
 */
export async function planRoutes(db: Db, claimed: MessageRow[]): Promise<Map<string, Route>> {
  const byAccount = new Map<string, ProviderConnectionRow[]>();
  const routes = new Map<string, Route>();
  for (const message of claimed) {
    if (message.providerPinned) {
      const connection = message.connectionId ? await findConnectionById(db, message.connectionId) : undefined;
      routes.set(
        message.id,
        connection && usable(connection)
          ? { ok: true, candidates: [connection] }
          : { ok: false, reason: `the provider connection named on send is ${connection?.disconnectedAt ? 'disconnected' : 'disabled'}` },
      );
      continue;
    }
    if (!byAccount.has(message.accountId)) byAccount.set(message.accountId, await usableConnections(db, message.accountId));
    const serving = byAccount.get(message.accountId)!.filter((connection) => servesNumber(connection, message.to));
    const first = serving.findIndex((connection) => connection.id === message.connectionId);
    const candidates = first > 0 ? [...serving.slice(first), ...serving.slice(0, first)] : serving;
    routes.set(message.id, candidates.length ? { ok: true, candidates } : { ok: false, reason: `no enabled provider connection serves ${message.to}` });
  }
  return routes;
}

async function usableConnections(db: Db, accountId: string): Promise<ProviderConnectionRow[]> {
  return db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.accountId, accountId), eq(providerConnections.enabled, true), isNull(providerConnections.disconnectedAt)))
    .orderBy(asc(providerConnections.priority), asc(providerConnections.createdAt));
}

