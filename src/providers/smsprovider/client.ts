import type { AdapterConfig, ProviderResult } from '../adapter.js';
import { providerFetch } from '../http.js';
import { createRequestLimiter } from '../rate-limit.js';
import type { SmsProviderCredentials, SmsProviderOptions } from './definition.js';
import { errorFromResponse } from './errors.js';

/** How long to hold requests after a 429 that names no reset (the plan limits are per second). */
const DEFAULT_RATE_LIMIT_PAUSE_MS = 1000;

/**
 * SMS Provider's JSON API behind one connection's rate limiter: every request waits for a slot,
 * every answer's X-RateLimit-* headers (and any 429) hold the following ones.
 */
export function createSmsProviderClient(config: AdapterConfig<SmsProviderCredentials, SmsProviderOptions>) {
  const limiter = createRequestLimiter({ requests: config.options.requestsPerSecond, perMs: 1000 });
  const baseUrl = config.baseUrl.replace(/\/+$/, '');

  return {
    async call(method: 'GET' | 'POST', path: string, body?: object): Promise<ProviderResult<{ json: unknown; status: number }>> {
      const refused = await limiter.acquire();
      if (refused) return { ok: false, error: refused };
      const result = await providerFetch({
        method,
        url: `${baseUrl}${path}`,
        headers: {
          authorization: `Bearer ${config.credentials.apiKey}`,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        timeoutMs: config.timeoutMs,
      });
      if (!result.ok) return result;
      const { response } = result;
      limiter.observe(response.headers);
      const error = errorFromResponse(response);
      if (!error) return { ok: true, json: response.json, status: response.status };
      if (error.code === 'RATE_LIMITED') limiter.pause(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS);
      return { ok: false, error };
    },
  };
}

export type SmsProviderClient = ReturnType<typeof createSmsProviderClient>;
