import { z } from 'zod';
import type { AdapterConfig, ProviderError } from '../adapter.js';
import { errorFromHttpStatus, providerFetch, type ProviderResponse } from '../http.js';
import { readAnswer } from './answer.js';
import type { LightSmsCredentials, LightSmsOptions } from './definition.js';
import { errorFromCode, TIMESTAMP_OFF } from './errors.js';
import { signParameters } from './signature.js';

/** A readable answer (undefined when the body could not be read), or what went wrong. */
export type LightSmsAnswer = { ok: true; answer: Record<string, unknown> | undefined; status: number } | { ok: false; error: ProviderError };

/** Our choice, as the emulator's: a refusal of the whole request carries `error` and no phone keys. */
const requestRefusal = z.object({
  error: z.union([z.string(), z.number().transform(String)]),
  message: z.string().optional(),
});

/**
 * LightSMS's API: GET requests under the base URL, each carrying `login`, a UTC `timestamp`, the
 * answer format (`return`) and a `signature` over all of them. LightSMS refuses a timestamp too
 * far from its own clock (error 4, undocumented): the client then asks `timestamp.php` for the
 * server's time, keeps the difference for every later request, and tries once more.
 */
export function createLightSmsClient(config: AdapterConfig<LightSmsCredentials, LightSmsOptions>) {
  const { credentials, options, clock, timeoutMs } = config;
  // The base URL is a folder: without its trailing slash, `new URL` would drop its last segment.
  const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
  let clockOffsetMs = 0;

  const request = async (endpoint: string, params: Record<string, string>): Promise<LightSmsAnswer> => {
    const timestamp = String(Math.floor((clock.now().getTime() + clockOffsetMs) / 1000));
    const unsigned = { ...params, login: credentials.login, timestamp, return: options.responseFormat };
    const url = new URL(endpoint, base);
    url.search = new URLSearchParams({ ...unsigned, signature: signParameters(unsigned, credentials.apiKey) }).toString();
    const result = await providerFetch({ method: 'GET', url, headers: { accept: 'application/json, application/xml' }, timeoutMs });
    return result.ok ? readResponse(result.response) : result;
  };

  const syncClock = async (): Promise<ProviderError | undefined> => {
    const result = await providerFetch({ method: 'GET', url: new URL('timestamp.php', base), timeoutMs });
    if (!result.ok) return result.error;
    const { response } = result;
    const serverSeconds = response.text.trim();
    if (response.status !== 200 || !/^\d{9,11}$/.test(serverSeconds)) {
      return errorFromHttpStatus(response) ?? { code: 'PROVIDER_UNAVAILABLE', message: 'LightSMS timestamp.php gave no time Switchboard can read', retryable: true, providerStatus: 'timestamp_unreadable' };
    }
    clockOffsetMs = Number(serverSeconds) * 1000 - clock.now().getTime();
    return undefined;
  };

  return {
    async call(endpoint: string, params: Record<string, string>): Promise<LightSmsAnswer> {
      const first = await request(endpoint, params);
      // Only a body's code can be "4" (HTTP statuses are 3 digits); nothing was sent, so a retry is safe.
      if (first.ok || first.error.providerStatus !== TIMESTAMP_OFF) return first;
      const syncError = await syncClock();
      return syncError ? { ok: false, error: syncError } : request(endpoint, params);
    },
  };
}

export type LightSmsClient = ReturnType<typeof createLightSmsClient>;

/**
 * 429 and 5xx say it all; otherwise the body's request-level code decides, whatever the status
 * (LightSMS documents none; the emulator answers its refusals with HTTP 200, like PHP APIs do).
 */
function readResponse(response: ProviderResponse): LightSmsAnswer {
  const { status } = response;
  if (status === 429 || status >= 500) return { ok: false, error: errorFromHttpStatus(response)! };
  const answer = readAnswer(response.text);
  const refusal = requestRefusal.safeParse(answer);
  if (refusal.success) return { ok: false, error: errorFromCode(refusal.data.error, refusal.data.message) };
  if (status >= 200 && status < 300) return { ok: true, answer, status };
  return { ok: false, error: errorFromHttpStatus(response) ?? { code: 'REJECTED', message: `LightSMS answered HTTP ${status}`, retryable: false, providerStatus: String(status) } };
}
