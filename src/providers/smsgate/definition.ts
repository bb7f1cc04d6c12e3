import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { ProviderCapabilities } from '../adapter.js';
import type { ProviderDefinition } from '../definition.js';
import { requiredString, wholeNumberOption } from '../settings.js';
import { createSmsGateAdapter } from './adapter.js';

/** API v1 (`/v1/sms/send`): the account's username and password, sent with every request. */
const v1Credentials = z.strictObject({
  username: requiredString('username', 'the SMSGate account username (API v1)'),
  password: requiredString('password', 'the SMSGate account password (API v1)'),
});

/** API v2 (`/api/v2/...`): an API key, sent as X-API-Key. */
const v2Credentials = z.strictObject({
  apiKey: requiredString('apiKey', 'an SMSGate API key (API v2, sent as X-API-Key)'),
});

/** The connection's credentials choose the API version: username + password is v1, apiKey is v2. */
const credentials = z.union([v1Credentials, v2Credentials], { error: (issue) => credentialsMessage(issue.input) });

function credentialsMessage(input: unknown): string {
  const given = typeof input === 'object' && input !== null ? Object.keys(input) : [];
  const v1 = given.includes('username') || given.includes('password');
  const v2 = given.includes('apiKey');
  if (v1 && v2) return 'give either username and password (SMSGate API v1) or apiKey (API v2), not both';
  if (v1) return 'SMSGate API v1 needs both username and password, as strings';
  if (v2) return 'SMSGate API v2 needs apiKey, as a string';
  return 'SMSGate needs either username and password (API v1) or apiKey (API v2)';
}

const options = z.strictObject({
  /**
   * SMSGate takes local numbers (its examples 0701234567 / 0712345678 are Kenyan mobile
   * numbers): E.164 numbers of this country go out in its national format.
   */
  country: z
    .string({ error: 'country must be an ISO 3166 alpha-2 code, e.g. "KE"' })
    .refine((code) => isSupportedCountry(code), { error: (issue) => `country "${String(issue.input)}" is not an ISO 3166 alpha-2 code with a phone plan, e.g. "KE"` })
    .default('KE'),
  /** SMSGate answers `x-ratelimit-limit: 60`: 60 requests a minute unless the account has more. */
  requestsPerMinute: wholeNumberOption('requestsPerMinute', 1, 6000, 60),
});

export type SmsGateCredentials = z.infer<typeof credentials>;
export type SmsGateOptions = z.infer<typeof options>;

export function smsGateCapabilities({ requestsPerMinute }: SmsGateOptions): ProviderCapabilities {
  return {
    // Undocumented: SMSGate names no limit on `numbers`; 100 is our choice, and the emulator's.
    maxBatchSize: 100,
    nativeScheduling: false,
    nativeCancel: false,
    statusDelivery: 'none',
    rateLimit: { requests: requestsPerMinute, perMs: 60_000 },
  };
}

/**
 * The document's examples only show `http://localhost`: SMSGate has no documented address, so
 * every connection must name its own `baseUrl`.
 */
export const smsGateDefinition: ProviderDefinition<SmsGateCredentials, SmsGateOptions> = {
  kind: 'SMSGATE',
  name: 'SMSGate',
  defaultBaseUrl: '',
  credentials,
  options,
  capabilities: smsGateCapabilities(options.parse({})),
  capabilitiesWith: smsGateCapabilities,
  // SMSGate sends no callbacks; POST is only what the registry needs to name.
  webhookMethod: 'POST',
  create: createSmsGateAdapter,
};
