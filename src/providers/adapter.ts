import type { Clock } from '../clock.js';

/** Switchboard's own names for what can go wrong at a provider; each adapter maps its codes onto these. */
export type ProviderErrorCode =
  | 'INVALID_PHONE_NUMBER'
  | 'MESSAGE_TOO_LONG'
  | 'INVALID_SCHEDULE_DATE'
  | 'INSUFFICIENT_CREDITS'
  | 'AUTHENTICATION_FAILED'
  | 'RATE_LIMITED'
  | 'PROVIDER_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'NOT_CANCELLABLE'
  | 'NOT_SUPPORTED'
  /** The sender name is not approved or registered at the provider. */
  | 'INVALID_SENDER'
  /** The provider refused the text itself (forbidden words). */
  | 'CONTENT_REJECTED'
  /** The recipient is on the provider's blacklist or stop list. */
  | 'RECIPIENT_BLOCKED'
  | 'REJECTED';

export interface ProviderError {
  code: ProviderErrorCode;
  message: string;
  /** Worth trying again later (or elsewhere): an outage or a limit, not a bad message. */
  retryable: boolean;
  /** The provider's own code or HTTP status, kept on the message's history. */
  providerStatus?: string;
  /** When the provider said how long to wait (Retry-After, X-RateLimit-Reset). */
  retryAfterMs?: number;
}

export type ProviderResult<T> = ({ ok: true } & T) | { ok: false; error: ProviderError };

export interface OutboundMessage {
  /** Switchboard's message ID. */
  id: string;
  /** E.164, with the `+`. */
  to: string;
  sender: string | null;
  body: string;
  /** Set when the provider is asked to schedule the message itself. */
  sendAt: Date | null;
  /** A one-time code: the provider's highest priority, where it has one. */
  otp: boolean;
}

/** What a provider says about an account's usage after a send (feeds the packages cache). */
export interface ProviderUsage {
  totalSms?: number;
  usedSms?: number;
  creditsRemaining?: number;
  cost?: number;
}

export type SendOutcome = ProviderResult<{ providerMessageId: string; providerStatus?: string; usage?: ProviderUsage }>;

export type ReportedStatus = 'SENT' | 'DELIVERED' | 'FAILED' | 'EXPIRED' | 'CANCELLED';

/** A delivery report (pushed or polled), in Switchboard's terms. */
export interface ProviderStatusReport {
  providerMessageId: string;
  /** Null when the provider's status means no change for Switchboard (pending, queued): recorded only. */
  status: ReportedStatus | null;
  providerStatus: string;
  at: Date;
  error?: { code: string; message: string };
}

export interface ProviderPackage {
  name: string;
  totalSms: number | null;
  usedSms: number | null;
  expiresAt: Date | null;
  balance: { amount: number; currency: string } | null;
  credits: number | null;
}

export interface ProviderCapabilities {
  /** The most messages one `send` call may carry; the dispatcher splits larger batches. */
  maxBatchSize: number;
  nativeScheduling: boolean;
  nativeCancel: boolean;
  /** How status reaches Switchboard: pushed to a webhook, polled, or not at all. */
  statusDelivery: 'push' | 'poll' | 'none';
  /** Whether `fetchStatus` asks the provider (the poller uses it when no report comes). */
  statusLookup?: boolean;
  /** The provider's documented request limit, if any. */
  rateLimit: { requests: number; perMs: number } | null;
}

/** An inbound provider call, as the webhook route received it. Header names are lower case. */
export interface WebhookRequest {
  method: string;
  headers: Record<string, string | undefined>;
  query: URLSearchParams;
  rawBody: Buffer;
}

export type WebhookParse =
  | {
      ok: true;
      reports: ProviderStatusReport[];
      /** The same delivery twice has the same key: the second changes nothing. */
      dedupKey: string;
    }
  | { ok: false; reason: 'UNAUTHORIZED' | 'MALFORMED'; message: string };

/** What an adapter is built from: one provider connection, its credentials decrypted. */
export interface AdapterConfig<Credentials, Options = Record<string, unknown>> {
  connectionId: string;
  credentials: Credentials;
  /** The provider's documented URL unless the connection overrides it (emulators, staging). */
  baseUrl: string;
  /** Where this connection's provider must call back. */
  webhookUrl: string;
  options: Options;
  clock: Clock;
  /** How long one provider request may take before it counts as PROVIDER_UNAVAILABLE. */
  timeoutMs: number;
}

/** One provider's protocol: adapters translate, and touch no database. */
export interface ProviderAdapter {
  readonly kind: string;
  readonly capabilities: ProviderCapabilities;
  /** One outcome per message, in the batch's order. `batch.length <= capabilities.maxBatchSize`. */
  send(batch: OutboundMessage[]): Promise<SendOutcome[]>;
  cancel(providerMessageId: string): Promise<ProviderResult<object>>;
  fetchStatus(providerMessageId: string): Promise<ProviderResult<{ report: ProviderStatusReport }>>;
  fetchPackages(): Promise<ProviderResult<{ packages: ProviderPackage[] }>>;
  /** Verifies the call came from the provider, then maps it; touches nothing. */
  parseWebhook(request: WebhookRequest): WebhookParse;
  close?(): void;
}

export function notSupported(what: string, kind: string): { ok: false; error: ProviderError } {
  return { ok: false, error: { code: 'NOT_SUPPORTED', message: `${kind} does not offer ${what}`, retryable: false } };
}

/** The same error for every message of a batch (the whole request failed). */
export function failAll(batch: readonly OutboundMessage[], error: ProviderError): SendOutcome[] {
  return batch.map(() => ({ ok: false, error }));
}
