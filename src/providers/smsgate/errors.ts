import { z } from 'zod';
import type { ProviderError } from '../adapter.js';
import { errorFromHttpStatus, type ProviderResponse } from '../http.js';

/** SMSGate's one documented send error text; any other 400 is a refusal we cannot name better. */
const INVALID_NUMBER_TEXT = 'Invalid phone number format.';

/**
 * SMSGate answers `{ "error": "…" }` (v2 adds `help`), and its framework's 500 and 429 answer
 * `{ "message": "…" }`. It has no error codes: the HTTP status is the raw code we keep.
 */
const errorBody = z.union([
  z.looseObject({ error: z.string(), help: z.string().optional() }).transform(({ error, help }) => (help ? `${error} (${help})` : error)),
  z.looseObject({ message: z.string() }).transform(({ message }) => message),
]);

/**
 * 400 Invalid phone number format → INVALID_PHONE_NUMBER; other 400s → REJECTED; 401 (v1
 * "Unauthorized.", v2 "API key is required" / our "Invalid API key.") → AUTHENTICATION_FAILED;
 * 402 (our choice: "Insufficient balance.") → INSUFFICIENT_CREDITS, retryable since a top-up or
 * another provider may still send it; 429 → RATE_LIMITED; 5xx (documented: 500 "Server Error")
 * → PROVIDER_UNAVAILABLE. Undefined for a success.
 */
export function errorFromResponse(response: ProviderResponse): ProviderError | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  const text = errorBody.safeParse(response.json).data;
  const providerStatus = String(status);
  const refused = (error: Omit<ProviderError, 'providerStatus' | 'message'>): ProviderError => ({ ...error, message: text ?? `SMSGate answered HTTP ${status}`, providerStatus });
  if (status === 400 && text === INVALID_NUMBER_TEXT) return refused({ code: 'INVALID_PHONE_NUMBER', retryable: false });
  if (status === 402) return refused({ code: 'INSUFFICIENT_CREDITS', retryable: true });
  const byStatus = errorFromHttpStatus(response);
  if (byStatus) return { ...byStatus, ...(text ? { message: `${byStatus.message}: ${text}` } : {}) };
  return refused({ code: 'REJECTED', retryable: false });
}
