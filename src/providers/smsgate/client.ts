import type { AdapterConfig, ProviderError } from '../adapter.js';
import { providerFetch, type ProviderResponse } from '../http.js';
import { createRequestLimiter } from '../rate-limit.js';
import type { SmsGateCredentials, SmsGateOptions } from './definition.js';
import { errorFromResponse } from './errors.js';

/** The window is a minute: a 429 without Retry-After holds requests for one. */
const DEFAULT_RATE_LIMIT_PAUSE_MS = 60_000;

export type SmsGateVersion = 'v1' | 'v2';

export type SmsGateCall = { ok: true; response: ProviderResponse } | { ok: false; error: ProviderError };

/**
 * SMSGate behind one connection's rate limiter, speaking the API version its credentials belong
 * to: v1 puts username and password in the form, v2 sends the key as X-API-Key (never as the
 * `api_key` parameter, which would land in URLs and logs).
 */
export function createSmsGateClient(config: AdapterConfig<SmsGateCredentials, SmsGateOptions>) {
  const limiter = createRequestLimiter({ requests: config.options.requestsPerMinute, perMs: 60_000 });
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const { credentials } = config;
  const version: SmsGateVersion = 'apiKey' in credentials ? 'v2' : 'v1';
  const authForm: Record<string, string> = 'apiKey' in credentials ? {} : { username: credentials.username, password: credentials.password };
  const authHeaders: Record<string, string> = 'apiKey' in credentials ? { 'x-api-key': credentials.apiKey } : {};

  return {
    version,
    async call(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<SmsGateCall> {
      if (!baseUrl) return { ok: false, error: { code: 'REJECTED', message: 'SMSGate has no documented address: set the connection’s baseUrl', retryable: false, providerStatus: 'no_base_url' } };
      const refused = await limiter.acquire();
      if (refused) return { ok: false, error: refused };
      const body = form ? new URLSearchParams({ ...form, ...authForm }).toString() : undefined;
      const result = await providerFetch({
        method,
        url: `${baseUrl}${path}`,
        headers: { accept: 'application/json', ...authHeaders, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body } : {}),
        timeoutMs: config.timeoutMs,
      });
      if (!result.ok) return result;
      limiter.observe(result.response.headers);
      const error = errorFromResponse(result.response);
      if (!error) return result;
      if (error.code === 'RATE_LIMITED') limiter.pause(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS);
      return { ok: false, error };
    },
  };
}

export type SmsGateClient = ReturnType<typeof createSmsGateClient>;
