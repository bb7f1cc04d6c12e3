import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { notSupported, type OutboundMessage, type ProviderAdapter, type ProviderStatusReport, type SendOutcome } from '../adapter.js';

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

export const sandboxCapabilities = {
  maxBatchSize: 1000,
  nativeScheduling: false,
  nativeCancel: false,
  statusDelivery: 'push',
  rateLimit: null,
} as const;

/** One sandbox serves every account's sandbox connection; reports name the connection. */
export function createSandbox({ clock, deliveryDelayMs, report }: SandboxOptions) {
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void) => {
    const timer = setTimeout(() => (timers.delete(timer), fn()), deliveryDelayMs);
    timers.add(timer);
  };

  const sendOne = (connectionId: string, message: OutboundMessage): SendOutcome => {
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
        report(connectionId, {
          providerMessageId,
          status: fails ? 'FAILED' : 'DELIVERED',
          providerStatus: fails ? 'undelivered' : 'delivered',
          at: clock.now(),
          ...(fails ? { error: { code: 'UNDELIVERABLE', message: 'the handset did not accept the message' } } : {}),
        }),
      );
    }
    return { ok: true, providerMessageId, providerStatus: 'accepted' };
  };

  return {
    adapterFor(connectionId: string): ProviderAdapter {
      return {
        kind: 'SANDBOX',
        capabilities: sandboxCapabilities,
        send: async (batch) => batch.map((message) => sendOne(connectionId, message)),
        cancel: async () => notSupported('cancelling a sent message', 'The sandbox'),
        fetchStatus: async () => notSupported('status look-ups (it reports by itself)', 'The sandbox'),
        fetchPackages: async () => ({
          ok: true,
          packages: [{ name: 'Sandbox (unlimited)', totalSms: null, usedSms: null, expiresAt: null, balance: null, credits: null }],
        }),
        parseWebhook: () => ({ ok: false, reason: 'MALFORMED', message: 'the sandbox reports in-process, not by webhook' }),
      };
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type Sandbox = ReturnType<typeof createSandbox>;
