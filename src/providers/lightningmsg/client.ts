import type { AdapterConfig, ProviderError, ProviderErrorCode } from '../adapter.js';
import { providerFetch } from '../http.js';
import type { LightningMsgCredentials, LightningMsgOptions } from './definition.js';
import { answerStatus, errorFromResponse } from './errors.js';

export type LightningMsgAnswer = { ok: true; json: Record<string, unknown> } | { ok: false; error: ProviderError };

/**
 * LightningMSG's API: every endpoint is a form-urlencoded POST under the base URL, with the API
 * key in `X-Api-Key` and the secret code as the `secret_code` field. An answer succeeded when
 * its body says `"status": "success"`.
 */
export function createLightningMsgClient(config: AdapterConfig<LightningMsgCredentials, LightningMsgOptions>) {
  // The base URL is a folder: without its trailing slash, `new URL` would drop its last segment.
  const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;

  return {
    async call(endpoint: string, form = new URLSearchParams(), overrides?: Partial<Record<string, ProviderErrorCode>>): Promise<LightningMsgAnswer> {
      form.set('secret_code', config.credentials.secretCode);
      const result = await providerFetch({
        method: 'POST',
        url: new URL(endpoint, base),
        headers: { 'x-api-key': config.credentials.apiKey, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        timeoutMs: config.timeoutMs,
      });
      if (!result.ok) return result;
      const { response } = result;
      const status = answerStatus(response);
      if (status === 'success') return { ok: true, json: response.json as Record<string, unknown> };
      if (status === undefined && response.status >= 200 && response.status < 300) {
        // A 2xx we cannot read may still have sent the messages: failing for good avoids a double send.
        return { ok: false, error: { code: 'REJECTED', message: `LightningMSG answered HTTP ${response.status} with a body Switchboard cannot read; a send may have gone out`, retryable: false, providerStatus: 'unreadable_response' } };
      }
      return { ok: false, error: errorFromResponse(response, overrides) };
    },
  };
}

export type LightningMsgClient = ReturnType<typeof createLightningMsgClient>;

/** The `/`-free path segment for an ID (`get_status/{id}`, `cancel/{id}`). */
export const idSegment = (id: string) => encodeURIComponent(id);

/** Counts LightningMSG writes as strings ("100"); null when absent or unreadable. */
export function countOf(value: unknown): number | null {
  const count = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(count) ? count : null;
}
