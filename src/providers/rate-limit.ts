import pThrottle from 'p-throttle';

/**
 * Keeps one connection's requests within its provider's limit. p-throttle's strict mode counts
 * every interval, not fixed windows, so no second ever holds more than `requests`; the margin
 * covers requests that leave on time and arrive bunched. The provider's own headers pause it
 * further: `X-RateLimit-Remaining: 0` (or a 429) holds every request until the reset.
 */
export function createRequestLimiter(limit: { requests: number; perMs: number }, marginMs = 50) {
  const throttle = pThrottle({ limit: limit.requests, interval: limit.perMs + marginMs, strict: true });
  const slot = throttle(() => undefined);
  let pausedUntil = 0;

  return {
    /** Resolves when one more request may leave. */
    async acquire(): Promise<void> {
      for (let wait = pausedUntil - Date.now(); wait > 0; wait = pausedUntil - Date.now()) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      await slot();
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
