import type { ProviderError, ProviderErrorCode } from '../adapter.js';

interface KnownError {
  code: ProviderErrorCode;
  retryable: boolean;
  meaning: string;
}

/**
 * LightSMS's error codes. 8, 9, 11, 13 and 32 are documented, and arrive per phone
 * (`{ "<phone>": { "error": "13", … } }`). The rest are undocumented and our choice (the emulator
 * answers the same): a request-level `{ "error": "<code>", "message": "…" }` without phone keys for
 * 1–6, and a per-phone 7 for a number LightSMS cannot read.
 */
const LIGHTSMS_ERRORS: Record<string, KnownError> = {
  '1': { code: 'AUTHENTICATION_FAILED', retryable: false, meaning: 'wrong login or signature' },
  '2': { code: 'REJECTED', retryable: false, meaning: 'a required parameter is missing' },
  '3': { code: 'INVALID_SCHEDULE_DATE', retryable: false, meaning: 'sendingTime is not YYYY-MM-DD HH:MM in the future' },
  // Only reaches Switchboard when a retry with timestamp.php's time was refused too: a passing fault.
  '4': { code: 'PROVIDER_UNAVAILABLE', retryable: true, meaning: 'the timestamp is too far from the server clock' },
  '5': { code: 'MESSAGE_TOO_LONG', retryable: false, meaning: 'the text is longer than 10 parts' },
  '6': { code: 'REJECTED', retryable: false, meaning: 'more than 100 phone numbers' },
  '7': { code: 'INVALID_PHONE_NUMBER', retryable: false, meaning: 'invalid phone number' },
  '8': { code: 'INVALID_SENDER', retryable: false, meaning: 'invalid sender name' },
  '9': { code: 'INVALID_SENDER', retryable: false, meaning: 'sender name not registered' },
  '11': { code: 'CONTENT_REJECTED', retryable: false, meaning: 'forbidden words in text' },
  '13': { code: 'RECIPIENT_BLOCKED', retryable: false, meaning: 'phone in blacklist' },
  // Money can be added, or another provider may send it: worth trying again.
  '32': { code: 'INSUFFICIENT_CREDITS', retryable: true, meaning: 'not enough money' },
};

/** The request-level code for a timestamp too far from LightSMS's clock (our choice, see above). */
export const TIMESTAMP_OFF = '4';

/** What a LightSMS error code means; an unknown one is a refusal that keeps the code. */
export function errorFromCode(providerStatus: string, detail?: string): ProviderError {
  const known = Object.hasOwn(LIGHTSMS_ERRORS, providerStatus) ? LIGHTSMS_ERRORS[providerStatus] : undefined;
  const meaning = detail || known?.meaning || 'unknown error';
  return {
    code: known?.code ?? 'REJECTED',
    message: `LightSMS refused it: ${meaning} (error ${providerStatus})`,
    retryable: known?.retryable ?? false,
    providerStatus,
  };
}
