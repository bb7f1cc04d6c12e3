import type { ProviderError } from './adapter.js';

/**
 * Keeps one connection's requests within its provider's limit: no `perMs` window, wherever it
 * starts, holds more than `requests` request starts (a sliding log of start times, not fixed
 * windows, which let twice the limit through across a boundary). The margin covers requests that
 * leave on time and arrive bunched. The provider's own headers hold it further:
 * `X-RateLimit-Remaining: 0` or a 429 pause every request until the reset.
 *
 * A request that would wait longer than `maxWaitMs` is refused at once with RATE_LIMITED
 * (retryable, with the wait), so the dispatcher fails it over or retries it later instead of
 * holding a claimed batch for a minute. p-throttle's strict mode does the same sliding log but
 * cannot say how long a call will wait, which is what this needs.
 */
export function createRequestLimiter(limit: { requests: number; perMs: number }, options: { maxWaitMs?: number; marginMs?: number } = {}) {
  const { maxWaitMs = 5_000, marginMs = 50 } = options;
  const windowMs = limit.perMs + marginMs;
  /** Start times given out, ascending; some may lie ahead (reserved for waiting requests). */
  const starts: number[] = [];
  let pausedUntil = 0;

  const nextStart = (now: number): number => {
    while (starts.length > 0 && starts[0]! <= now - windowMs) starts.shift();
    const windowFull = starts.length >= limit.requests ? starts[starts.length - limit.requests]! + windowMs : now;
    return Math.max(now, pausedUntil, windowFull, starts.at(-1) ?? now);
  };

  return {
    /** Resolves when one more request may leave; or, if that is more than `maxWaitMs` away, the refusal to return. */
    async acquire(): Promise<ProviderError | undefined> {
      const now = Date.now();
      const at = nextStart(now);
      if (at - now > maxWaitMs) {
        return { code: 'RATE_LIMITED', message: `the connection's request limit (${limit.requests} per ${limit.perMs / 1000} s) is used up for the next ${Math.ceil((at - now) / 1000)} s`, retryable: true, providerStatus: 'local_rate_limit', retryAfterMs: at - now };
      }
      starts.push(at);
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
      return undefined;
    },
    /** Holds every request for `ms` (a 429's Retry-After, or an exhausted X-RateLimit-Remaining). */
    pause(ms: number): void {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    },
    /** Reads X-RateLimit-Remaining / X-RateLimit-Reset (seconds until the reset) from an answer. */
    observe(headers: Headers): void {
      const remaining = headers.get('x-ratelimit-remaining');
      const reset = Number(headers.get('x-ratelimit-reset'));
      if (remaining !== null && Number(remaining) <= 0 && Number.isFinite(reset)) this.pause(reset * 1000);
    },
  };
}

export type RequestLimiter = ReturnType<typeof createRequestLimiter>;
