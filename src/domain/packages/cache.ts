import type { Clock } from '../../clock.js';
import type { ProviderConnectionRow } from '../../db/schema.js';
import type { ProviderAdapter, ProviderPackage, ProviderResult, ProviderUsage } from '../../providers/adapter.js';

/** One line of the packages view: a provider's package, or why its provider could not say. */
export interface PackageEntry {
  connection: ProviderConnectionRow;
  package: ProviderPackage | null;
  error: { code: string; message: string } | null;
}

type Answer = ProviderResult<{ packages: ProviderPackage[] }>;

/**
 * What each connection's provider reports about packages, balance and credits, fetched in
 * parallel and kept for `ttlMs`; a provider that fails is an entry with an error, not a failed
 * query. Usage reported with a send updates the kept answer at once.
 */
export function createPackageCache({ clock, ttlMs }: { clock: Clock; ttlMs: number }) {
  const kept = new Map<string, { at: number; version: string; packages: ProviderPackage[] }>();

  const fetchFor = async (connection: ProviderConnectionRow, adapter: ProviderAdapter): Promise<Answer> => {
    const hit = kept.get(connection.id);
    const now = clock.now().getTime();
    if (hit && hit.version === connection.updatedAt && now - hit.at < ttlMs) return { ok: true, packages: hit.packages };
    const answer = await adapter.fetchPackages().catch((error: Error): Answer => ({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE', message: error.message, retryable: true } }));
    if (answer.ok) kept.set(connection.id, { at: now, version: connection.updatedAt, packages: answer.packages });
    return answer;
  };

  return {
    async forConnections(connections: ProviderConnectionRow[], adapterFor: (connection: ProviderConnectionRow) => ProviderAdapter): Promise<PackageEntry[]> {
      const answers = await Promise.all(connections.map((connection) => fetchFor(connection, adapterFor(connection))));
      return connections.flatMap((connection, i): PackageEntry[] => {
        const answer = answers[i]!;
        if (!answer.ok) return [{ connection, package: null, error: { code: answer.error.code, message: answer.error.message } }];
        return answer.packages.map((found) => ({ connection, package: found, error: null }));
      });
    },
    /** A send's reported usage: remaining credits and cost apply to the kept answer; totals too when there is one package. */
    recordUsage(connectionId: string, usage: ProviderUsage): void {
      const hit = kept.get(connectionId);
      if (!hit) return;
      hit.packages = hit.packages.map((entry) => ({
        ...entry,
        credits: usage.creditsRemaining ?? entry.credits,
        balance: entry.balance && usage.cost !== undefined ? { ...entry.balance, amount: roundCents(entry.balance.amount - usage.cost) } : entry.balance,
        ...(hit.packages.length === 1 && usage.usedSms !== undefined ? { usedSms: usage.usedSms, totalSms: usage.totalSms ?? entry.totalSms } : {}),
      }));
      if (hit.packages.length > 1 && usage.usedSms !== undefined) kept.delete(connectionId);
    },
  };
}

const roundCents = (amount: number) => Math.round(amount * 10_000) / 10_000;

export type PackageCache = ReturnType<typeof createPackageCache>;
