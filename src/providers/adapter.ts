/** Switchboard's own names for what can go wrong at a provider; each adapter maps its codes onto these. */
export type ProviderErrorCode =
  | 'INVALID_PHONE_NUMBER'
  | 'MESSAGE_TOO_LONG'
  | 'INSUFFICIENT_CREDITS'
  | 'AUTHENTICATION_FAILED'
  | 'RATE_LIMITED'
  | 'PROVIDER_UNAVAILABLE'
  | 'REJECTED';

export interface ProviderError {
  code: ProviderErrorCode;
  message: string;
  /** Worth trying again later (or elsewhere): an outage or a limit, not a bad message. */
  retryable: boolean;
  providerStatus?: string;
}

export interface OutboundMessage {
  id: string;
  /** The connection it goes out through (whose webhook URL the provider reports to). */
  connectionId: string;
  to: string;
  sender: string | null;
  body: string;
}

export type SendResult = { ok: true; providerMessageId: string; providerStatus?: string } | { ok: false; error: ProviderError };

/** A delivery report pushed by a provider, in Switchboard's terms. */
export interface ProviderStatusReport {
  providerMessageId: string;
  status: 'SENT' | 'DELIVERED' | 'FAILED' | 'EXPIRED';
  providerStatus: string;
  at: Date;
  error?: { code: string; message: string };
}

/** One provider's protocol: adapters translate, and touch no database. */
export interface ProviderAdapter {
  kind: string;
  send(message: OutboundMessage): Promise<SendResult>;
}
