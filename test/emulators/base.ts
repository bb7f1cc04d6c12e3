import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the emulator received it, for assertions. Header names are lower case. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
  at: number;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
}

/** One status callback the emulator made (each attempt), for assertions. */
export interface CallbackAttempt {
  url: string;
  method: string;
  status: number | 'network-error';
  body: string;
  at: number;
}

/** Misbehaviour on demand: the next N calls fail this way, or a flag holds until reset. */
export interface Faults {
  /** The next N API calls answer this HTTP status (default 503) with an empty body. */
  failNext(count: number, status?: number): void;
  /** The next N API calls are never answered (the client's timeout fires). */
  timeoutNext(count: number): void;
  /** The next N API calls answer the provider's own rate-limit response. */
  rateLimitNext(count: number): void;
  /** Every call is refused with the provider's bad-credentials answer. */
  rejectCredentials: boolean;
  /** Every send is refused with the provider's no-credit answer. */
  outOfCredits: boolean;
  /** Every status callback is delivered twice. */
  duplicateReceipts: boolean;
  /** A message's callbacks go out last-first (delivered before sent). */
  outOfOrderReceipts: boolean;
  reset(): void;
}

export interface EmulatorHandler {
  /** Serves one API call (faults already applied). */
  handle(request: RecordedRequest): Promise<EmulatorResponse> | EmulatorResponse;
  /** The provider's answer when it rate-limits (per its document). */
  rateLimited(): EmulatorResponse;
  /** The dashboard setting "call this URL with status updates" (`POST /__emulator/webhook {"url"}`). */
  setWebhookUrl?(url: string): void;
}

export interface RunningEmulator {
  url: string;
  requests: RecordedRequest[];
  callbacks: CallbackAttempt[];
  faults: Faults;
  /** Sends status callbacks in order, applying the duplicate/out-of-order faults. */
  deliverCallbacks(calls: CallbackRequest[], policy?: CallbackPolicy): void;
  /** Resolves when every callback started so far has finished (all attempts). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface CallbackRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface CallbackPolicy {
  /** Attempts until a success answer (LightningMSG: 4). */
  attempts: number;
  intervalMs: number;
  /** Which answers end the retries (LightningMSG: exactly 200; BrandSMS: any 2xx). */
  succeeded: (status: number) => boolean;
}

const ONCE: CallbackPolicy = { attempts: 1, intervalMs: 0, succeeded: (status) => status >= 200 && status < 300 };

/**
 * The shared part of every provider emulator: a real HTTP server on a local port that records
 * each request, applies misbehaviour on demand, and makes status callbacks the way a provider
 * does. `/__emulator/*` lets a person drive the same controls over HTTP (npm run emulators).
 */
export async function startEmulator(handler: EmulatorHandler, options: { port?: number; host?: string } = {}): Promise<RunningEmulator> {
  const requests: RecordedRequest[] = [];
  const callbacks: CallbackAttempt[] = [];
  const pending = new Set<Promise<void>>();
  const hanging = new Set<ServerResponse>();
  let failing: { count: number; status: number } = { count: 0, status: 503 };
  let timingOut = 0;
  let limiting = 0;

  const faults: Faults = {
    failNext: (count, status = 503) => void (failing = { count, status }),
    timeoutNext: (count) => void (timingOut = count),
    rateLimitNext: (count) => void (limiting = count),
    rejectCredentials: false,
    outOfCredits: false,
    duplicateReceipts: false,
    outOfOrderReceipts: false,
    reset() {
      failing = { count: 0, status: 503 };
      timingOut = 0;
      limiting = 0;
      Object.assign(faults, { rejectCredentials: false, outOfCredits: false, duplicateReceipts: false, outOfOrderReceipts: false });
    },
  };

  const respond = (res: ServerResponse, response: EmulatorResponse) => {
    const json = typeof response.body === 'object' && response.body !== null;
    const body = response.body === undefined ? '' : json ? JSON.stringify(response.body) : String(response.body);
    res.writeHead(response.status, { ...(json ? { 'content-type': 'application/json' } : {}), ...response.headers });
    res.end(body);
  };

  const control = (request: RecordedRequest): EmulatorResponse => {
    if (request.method === 'GET' && request.path === '/__emulator/requests') {
      return { status: 200, body: requests.map(({ query, ...rest }) => ({ ...rest, query: Object.fromEntries(query) })) };
    }
    if (request.method === 'POST' && request.path === '/__emulator/faults') {
      const settings = JSON.parse(request.body || '{}') as Record<string, unknown>;
      if (typeof settings.failNext === 'number') faults.failNext(settings.failNext, Number(settings.status ?? 503));
      if (typeof settings.timeoutNext === 'number') faults.timeoutNext(settings.timeoutNext);
      if (typeof settings.rateLimitNext === 'number') faults.rateLimitNext(settings.rateLimitNext);
      for (const flag of ['rejectCredentials', 'outOfCredits', 'duplicateReceipts', 'outOfOrderReceipts'] as const) {
        if (typeof settings[flag] === 'boolean') faults[flag] = settings[flag];
      }
      return { status: 204 };
    }
    if (request.method === 'POST' && request.path === '/__emulator/webhook' && handler.setWebhookUrl) {
      const { url } = JSON.parse(request.body || '{}') as { url?: unknown };
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return { status: 400, body: { error: 'give {"url": "http(s)://…"}' } };
      handler.setWebhookUrl(url);
      return { status: 204 };
    }
    if (request.method === 'POST' && request.path === '/__emulator/reset') {
      faults.reset();
      requests.length = 0;
      callbacks.length = 0;
      return { status: 204 };
    }
    return { status: 404, body: { error: 'unknown emulator control' } };
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
    if (request.path.startsWith('/__emulator/')) return respond(res, control(request));
    requests.push(request);
    if (timingOut > 0) {
      timingOut -= 1;
      hanging.add(res);
      return;
    }
    if (failing.count > 0) {
      failing.count -= 1;
      return respond(res, { status: failing.status });
    }
    if (limiting > 0) {
      limiting -= 1;
      return respond(res, handler.rateLimited());
    }
    respond(res, await handler.handle(request));
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((error: Error) => respond(res, { status: 500, body: { emulatorError: error.message } }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const attempt = async (call: CallbackRequest, policy: CallbackPolicy) => {
    for (let tries = 0; tries < policy.attempts; tries += 1) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, policy.intervalMs));
      let status: number | 'network-error';
      try {
        const res = await fetch(call.url, { method: call.method, headers: call.headers, body: call.body, signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 'network-error';
      }
      callbacks.push({ url: call.url, method: call.method, status, body: call.body ?? '', at: Date.now() });
      if (typeof status === 'number' && policy.succeeded(status)) return;
    }
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    callbacks,
    faults,
    deliverCallbacks(calls, policy = ONCE) {
      const ordered = faults.outOfOrderReceipts ? [...calls].reverse() : calls;
      const all = faults.duplicateReceipts ? ordered.flatMap((call) => [call, call]) : ordered;
      const run = (async () => {
        for (const call of all) await attempt(call, policy);
      })();
      pending.add(run);
      void run.finally(() => pending.delete(run));
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
