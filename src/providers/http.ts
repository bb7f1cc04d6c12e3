import type { ProviderError } from './adapter.js';

export interface ProviderRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string | URL;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface ProviderResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * The one way adapters call providers. A network fault or a timeout is an outage
 * (PROVIDER_UNAVAILABLE, retryable), never a thrown error; every HTTP answer is returned for
 * the adapter to map, since providers put their error codes in bodies of any status.
 */
export async function providerFetch(request: ProviderRequest): Promise<{ ok: true; response: ProviderResponse } | { ok: false; error: ProviderError }> {
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = await res.text();
    return { ok: true, response: { status: res.status, headers: res.headers, text, json: parseJson(text) } };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      ok: false,
      error: {
        code: 'PROVIDER_UNAVAILABLE',
        message: timedOut ? `no answer within ${request.timeoutMs} ms` : `could not reach the provider (${describe(error)})`,
        retryable: true,
        providerStatus: timedOut ? 'timeout' : 'network',
      },
    };
  }
}

/**
 * What an HTTP status means when the body names no provider code: 429 is a limit, 5xx an
 * outage (both retryable), 401/403 bad credentials.
 */
export function errorFromHttpStatus(response: ProviderResponse): ProviderError | undefined {
  const { status } = response;
  const providerStatus = String(status);
  if (status === 429) {
    return { code: 'RATE_LIMITED', message: 'the provider is rate limiting requests', retryable: true, providerStatus, retryAfterMs: retryAfterMs(response.headers) };
  }
  if (status >= 500) return { code: 'PROVIDER_UNAVAILABLE', message: `the provider answered HTTP ${status}`, retryable: true, providerStatus };
  if (status === 401 || status === 403) return { code: 'AUTHENTICATION_FAILED', message: 'the provider refused the credentials', retryable: false, providerStatus };
  return undefined;
}

/** Retry-After (seconds or a date), else X-RateLimit-Reset read as seconds until the reset. */
export function retryAfterMs(headers: Headers): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
  return Number.isFinite(reset) ? Math.max(0, reset * 1000) : undefined;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
