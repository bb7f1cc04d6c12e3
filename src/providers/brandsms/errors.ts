import { z } from 'zod';
import type { ProviderError, ProviderErrorCode } from '../adapter.js';
import { errorFromHttpStatus, retryAfterMs, type ProviderResponse } from '../http.js';

/**
 * BrandSMS documents no responses and no error codes: these are Switchboard's choice (the
 * emulator answers the same), `{ "success": false, "error": { "code", "message" } }`.
 */
const BRANDSMS_ERRORS: Record<string, { code: ProviderErrorCode; retryable: boolean }> = {
  invalid_key: { code: 'AUTHENTICATION_FAILED', retryable: false },
  invalid_number: { code: 'INVALID_PHONE_NUMBER', retryable: false },
  invalid_send_time: { code: 'INVALID_SCHEDULE_DATE', retryable: false },
  missing_parameter: { code: 'REJECTED', retryable: false },
  // Credits can be topped up, or another provider may send it: worth trying again.
  insufficient_balance: { code: 'INSUFFICIENT_CREDITS', retryable: true },
  too_many_requests: { code: 'RATE_LIMITED', retryable: true },
};

const errorBody = z.object({
  success: z.literal(false),
  error: z.object({ code: z.string(), message: z.string().optional() }),
});

/** The provider's error code from a refusal, if the body names one. */
export function brandSmsErrorCode(response: ProviderResponse): string | undefined {
  const parsed = errorBody.safeParse(response.json);
  return parsed.success ? parsed.data.error.code : undefined;
}

/** What a refused send means: the body's code when BrandSMS names one, else the HTTP status. */
export function errorFromResponse(response: ProviderResponse): ProviderError {
  const parsed = errorBody.safeParse(response.json);
  const known = parsed.success ? BRANDSMS_ERRORS[parsed.data.error.code] : undefined;
  if (parsed.success && known) {
    const { code: providerStatus, message } = parsed.data.error;
    const wait = known.code === 'RATE_LIMITED' ? retryAfterMs(response.headers) : undefined;
    return {
      code: known.code,
      message: message ?? `BrandSMS refused the request (${providerStatus})`,
      retryable: known.retryable,
      providerStatus,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    };
  }
  const byStatus = errorFromHttpStatus(response);
  if (byStatus) return byStatus;
  const providerStatus = parsed.success ? parsed.data.error.code : String(response.status);
  return {
    code: 'REJECTED',
    message: parsed.data?.error.message ?? `BrandSMS answered HTTP ${response.status}`,
    retryable: false,
    providerStatus,
  };
}
