import CircuitBreaker from 'opossum';
import type { OutboundMessage, ProviderAdapter, ProviderError, SendOutcome } from '../providers/adapter.js';

export interface BreakerSettings {
  /** Failures, in percent of calls within the rolling window, that open the circuit. */
  errorThresholdPercentage: number;
  /** Calls in the window before the percentage counts at all: one failure never opens it. */
  volumeThreshold: number;
  /** How long an open circuit waits before letting one probe through. */
  resetTimeoutMs: number;
}

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** Failures that say the provider itself is unwell, not that one message was bad. */
const OUTAGES = new Set<ProviderError['code']>(['PROVIDER_UNAVAILABLE', 'AUTHENTICATION_FAILED', 'INSUFFICIENT_CREDITS']);

class ProviderOutage extends Error {
  constructor(readonly outcomes: SendOutcome[]) {
    super('every message of the batch failed with a provider outage');
  }
}

const isOutage = (outcomes: SendOutcome[]) => outcomes.length > 0 && outcomes.every((outcome) => !outcome.ok && OUTAGES.has(outcome.error.code));

/**
 * One opossum circuit breaker per connection. A batch whose every message failed with an outage
 * counts as a failure; while the circuit is open, sends fail at once (and fail over) without a
 * request; after the reset timeout one batch probes the provider.
 */
export function createBreakers(settings: BreakerSettings) {
  const breakers = new Map<string, CircuitBreaker<[ProviderAdapter, OutboundMessage[]], SendOutcome[]>>();

  const breakerFor = (connectionId: string) => {
    let breaker = breakers.get(connectionId);
    if (!breaker) {
      breaker = new CircuitBreaker(
        async (adapter: ProviderAdapter, batch: OutboundMessage[]) => {
          const outcomes = await adapter.send(batch);
          if (isOutage(outcomes)) throw new ProviderOutage(outcomes);
          return outcomes;
        },
        { timeout: false, errorThresholdPercentage: settings.errorThresholdPercentage, volumeThreshold: settings.volumeThreshold, resetTimeout: settings.resetTimeoutMs },
      );
      breakers.set(connectionId, breaker);
    }
    return breaker;
  };

  return {
    /** Sends through the connection's breaker; an open circuit answers PROVIDER_UNAVAILABLE at once. */
    async send(connectionId: string, adapter: ProviderAdapter, batch: OutboundMessage[]): Promise<{ outcomes: SendOutcome[]; skipped: boolean }> {
      const breaker = breakerFor(connectionId);
      try {
        return { outcomes: await breaker.fire(adapter, batch), skipped: false };
      } catch (error) {
        if (error instanceof ProviderOutage) return { outcomes: error.outcomes, skipped: false };
        const open = breaker.opened;
        const reason = open ? 'the circuit is open after repeated failures' : (error as Error).message;
        return { outcomes: batch.map(() => ({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE', message: reason, retryable: true, providerStatus: open ? 'circuit_open' : 'error' } })), skipped: open };
      }
    },
    state(connectionId: string): CircuitState {
      const breaker = breakers.get(connectionId);
      if (!breaker) return 'CLOSED';
      return breaker.opened ? 'OPEN' : breaker.halfOpen ? 'HALF_OPEN' : 'CLOSED';
    },
    close() {
      for (const breaker of breakers.values()) breaker.shutdown();
      breakers.clear();
    },
  };
}

export type Breakers = ReturnType<typeof createBreakers>;
