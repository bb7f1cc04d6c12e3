/** Machine-readable reasons for an expected failure; the GraphQL UserErrorCode enum mirrors this list. */
export const USER_ERROR_CODES = {
  REQUIRED: 'The field is required and was not given.',
  UNKNOWN_FIELD: 'The field is not one this object takes.',
  BLANK: 'The value is empty or only whitespace.',
  TOO_LONG: 'The value is longer than allowed.',
  OUT_OF_RANGE: 'The number is outside the allowed range.',
  INVALID_VALUE: 'The value does not follow the rule the message names.',
  INVALID_ID: 'The ID is not a valid ID of the expected type.',
  NOT_FOUND: 'No object with this ID exists in your account.',
  SCOPE_NOT_HELD: 'The API key making the request lacks a scope it tried to grant.',
  KEY_REVOKED: 'The API key has been revoked.',
  KEY_EXPIRED: 'The API key has expired.',
  KEY_ALREADY_ROTATED: 'The API key has already been rotated; rotate its replacement instead.',
  INVALID_PHONE_NUMBER: 'The phone number cannot be read as a number in E.164 (+ country code and number).',
  MESSAGE_TOO_LONG: 'The message body is longer than 1600 characters.',
  INVALID_SCHEDULE_DATE: 'The send time is in the past or more than a year ahead.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was used in the last 24 hours for a different request.',
  NOT_CANCELLABLE: 'The message was already handed to a provider, or has finished.',
  NO_PROVIDER: 'The account has no enabled provider connection to send through.',
  PROVIDER_DISABLED: 'The named provider connection is disabled or disconnected.',
  PROVIDER_ERROR: 'The provider refused or failed the request; the message says what it answered.',
  LIMIT_REACHED: 'The account already has as many of these as it may.',
} as const;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;

export interface UserError {
  /** Path to the input field at fault, starting with the argument name, e.g. ["input", "expiresInDays"]. */
  field: string[];
  message: string;
  code: UserErrorCode;
}

export type Result<T> = ({ ok: true } & T) | { ok: false; errors: UserError[] };

export const fail = (field: string[], code: UserErrorCode, message: string): { ok: false; errors: UserError[] } => ({
  ok: false,
  errors: [{ field, code, message }],
});
