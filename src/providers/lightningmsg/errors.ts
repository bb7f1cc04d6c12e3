import { z } from 'zod';
import type { ProviderError, ProviderErrorCode } from '../adapter.js';
import { errorFromHttpStatus, type ProviderResponse } from '../http.js';

/**
 * LightningMSG's documented error codes, answered as `{ "status": "<code>", "message": … }`.
 * Its HTTP statuses for them are undocumented, so the code in the body decides, whatever the status.
 */
const LIGHTNINGMSG_ERRORS: Record<string, { name: string; code: ProviderErrorCode; retryable: boolean }> = {
  '0001': { name: 'WRONG_PARAMETERS', code: 'REJECTED', retryable: false },
  '0050': { name: 'WRONG_MODULE', code: 'REJECTED', retryable: false },
  '0100': { name: 'ITEM_NOT_FOUND', code: 'NOT_FOUND', retryable: false },
  '0200': { name: 'ITEM_VALIDATION', code: 'REJECTED', retryable: false },
  '0300': { name: 'DEVICE_NOT_FOUND', code: 'REJECTED', retryable: false },
  '4001': { name: 'WRONG_SECRET_CODE', code: 'AUTHENTICATION_FAILED', retryable: false },
  '4002': { name: 'INCORRECT_CODE', code: 'AUTHENTICATION_FAILED', retryable: false },
  '4003': { name: 'INVALID_API_KEY', code: 'AUTHENTICATION_FAILED', retryable: false },
  // Packages can be bought, or another provider may send it: worth trying again.
  '4004': { name: 'NO_VALID_PACKAGES', code: 'INSUFFICIENT_CREDITS', retryable: true },
  '4005': { name: 'NO_VALID_PACKAGE', code: 'INSUFFICIENT_CREDITS', retryable: true },
  '4007': { name: 'INVALID_NUMBER', code: 'INVALID_PHONE_NUMBER', retryable: false },
  '4008': { name: 'MESSAGE_TOO_LONG', code: 'MESSAGE_TOO_LONG', retryable: false },
  '4009': { name: 'INVALID_SCHEDULE_DATE', code: 'INVALID_SCHEDULE_DATE', retryable: false },
};

/** Codes about one message of a request: in a `send_multiple`, the others may be fine. */
export const ITEM_ERROR_CODES: ReadonlySet<string> = new Set(['0001', '0200', '4007', '4008', '4009']);

const answerBody = z.object({
  // PHP may answer the code as a number: 1 is "0001".
  status: z.union([z.string(), z.number().transform((code) => String(code).padStart(4, '0'))]),
  message: z.string().optional(),
});

/** The `status` of an answer: "success", an error code, or undefined when the body has none. */
export function answerStatus(response: ProviderResponse): string | undefined {
  const parsed = answerBody.safeParse(response.json);
  return parsed.success ? parsed.data.status : undefined;
}

/**
 * What a refusal means: the body's code when LightningMSG names a documented one, else the HTTP
 * status (429, 5xx, 401/403), else a refusal keeping whatever code or status there was.
 * `overrides` re-reads a code for one endpoint (a cancel's 0200 is NOT_CANCELLABLE).
 */
export function errorFromResponse(response: ProviderResponse, overrides: Partial<Record<string, ProviderErrorCode>> = {}): ProviderError {
  const parsed = answerBody.safeParse(response.json);
  const providerCode = parsed.success ? parsed.data.status : undefined;
  const known = providerCode !== undefined && Object.hasOwn(LIGHTNINGMSG_ERRORS, providerCode) ? LIGHTNINGMSG_ERRORS[providerCode] : undefined;
  const detail = parsed.data?.message || undefined;
  if (providerCode !== undefined && known) {
    return {
      code: overrides[providerCode] ?? known.code,
      message: `LightningMSG refused the request: ${detail ?? known.name} (${providerCode} ${known.name})`,
      retryable: known.retryable,
      providerStatus: providerCode,
    };
  }
  const byStatus = errorFromHttpStatus(response);
  if (byStatus) return detail ? { ...byStatus, message: `${byStatus.message}: ${detail}` } : byStatus;
  return {
    code: 'REJECTED',
    message: `LightningMSG answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`,
    retryable: false,
    providerStatus: providerCode ?? String(response.status),
  };
}
