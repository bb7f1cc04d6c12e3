import { z } from 'zod';
import type { ProviderError, ProviderErrorCode } from '../adapter.js';
import { errorFromHttpStatus, retryAfterMs, type ProviderResponse } from '../http.js';

/** SMS Provider's documented error codes, plus the two the document implies but does not list. */
const ERROR_CODES: Record<string, { code: ProviderErrorCode; retryable: boolean }> = {
  authentication_failed: { code: 'AUTHENTICATION_FAILED', retryable: false },
  // Another provider (or this one after a top-up) may still send it.
  insufficient_credits: { code: 'INSUFFICIENT_CREDITS', retryable: true },
  invalid_phone_number: { code: 'INVALID_PHONE_NUMBER', retryable: false },
  message_too_long: { code: 'MESSAGE_TOO_LONG', retryable: false },
  rate_limit_exceeded: { code: 'RATE_LIMITED', retryable: true },
  // Undocumented: the answer to GET /messages/{id} for an id the account does not own.
  not_found: { code: 'NOT_FOUND', retryable: false },
  // Undocumented: a missing or unreadable parameter; `param` names it (see scheduleError).
  invalid_request: { code: 'REJECTED', retryable: false },
};

const errorBody = z.object({
  success: z.literal(false),
  error: z.object({ code: z.string(), message: z.string().optional(), param: z.string().optional() }),
});

/** The error an answer carries, or undefined for a success. */
export function errorFromResponse(response: ProviderResponse): ProviderError | undefined {
  const parsed = errorBody.safeParse(response.json);
  if (parsed.success) return fromProviderCode(response, parsed.data.error);
  if (response.status >= 200 && response.status < 300) return undefined;
  return errorFromHttpStatus(response) ?? { code: 'REJECTED', message: `SMS Provider answered HTTP ${response.status}`, retryable: false, providerStatus: String(response.status) };
}

function fromProviderCode(response: ProviderResponse, error: z.infer<typeof errorBody>['error']): ProviderError {
  const message = error.message ?? error.code;
  const known = ERROR_CODES[error.code];
  if (known) {
    const code = error.code === 'invalid_request' && error.param === 'scheduled_at' ? 'INVALID_SCHEDULE_DATE' : known.code;
    const wait = known.code === 'RATE_LIMITED' ? retryAfterMs(response.headers) : undefined;
    return { code, message, retryable: known.retryable, providerStatus: error.code, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  const byStatus = errorFromHttpStatus(response);
  return { code: byStatus?.code ?? 'REJECTED', message, retryable: byStatus?.retryable ?? false, providerStatus: error.code, ...(byStatus?.retryAfterMs === undefined ? {} : { retryAfterMs: byStatus.retryAfterMs }) };
}
