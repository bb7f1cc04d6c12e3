import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { ProviderAdapter, ProviderStatusReport, SendResult } from '../adapter.js';

/**
 * Numbers that take the unhappy paths (from Ofcom's range reserved for drama, so they reach
 * nobody). Every other valid number is sent at once and delivered after the delivery delay.
 */
export const SANDBOX_NUMBERS = {
  failsDelivery: '+447700900001',
  rejectedAtSend: '+447700900002',
  neverReceipted: '+447700900003',
  providerDown: '+447700900004',
} as const;

export interface SandboxOptions {
  clock: Clock;
  deliveryDelayMs: number;
  /** Where the sandbox sends its delivery reports, as a provider calls a webhook. */
  report: (connectionId: string, report: ProviderStatusReport) => void;
}

export function createSandboxAdapter({ clock, deliveryDelayMs, report }: SandboxOptions): ProviderAdapter & { close(): void } {
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void) => {
    const timer = setTimeout(() => (timers.delete(timer), fn()), deliveryDelayMs);
    timers.add(timer);
  };
  return {
    kind: 'SANDBOX',
    async send(message): Promise<SendResult> {
      if (message.to === SANDBOX_NUMBERS.rejectedAtSend) {
        return { ok: false, error: { code: 'INVALID_PHONE_NUMBER', message: 'the sandbox rejects this number', retryable: false, providerStatus: 'rejected' } };
      }
      if (message.to === SANDBOX_NUMBERS.providerDown) {
        return { ok: false, error: { code: 'PROVIDER_UNAVAILABLE', message: 'the sandbox is down for this number', retryable: true, providerStatus: '503' } };
      }
      const providerMessageId = `sandbox_${randomUUID()}`;
      if (message.to !== SANDBOX_NUMBERS.neverReceipted) {
        const fails = message.to === SANDBOX_NUMBERS.failsDelivery;
        later(() =>
          report(message.connectionId, {
            providerMessageId,
            status: fails ? 'FAILED' : 'DELIVERED',
            providerStatus: fails ? 'undelivered' : 'delivered',
            at: clock.now(),
            ...(fails ? { error: { code: 'UNDELIVERABLE', message: 'the handset did not accept the message' } } : {}),
          }),
        );
      }
      return { ok: true, providerMessageId, providerStatus: 'accepted' };
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
