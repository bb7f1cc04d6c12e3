import { createHmac, randomBytes } from 'node:crypto';
import { startEmulator, type CallbackRequest, type EmulatorResponse, type RecordedRequest, type RunningEmulator } from './base.js';

/** One SMS Provider account the emulator knows. */
export interface SmsProviderAccount {
  apiKey: string;
  webhookSecret: string;
  credits: number;
  /** GET /account's `plan` (default "standard"). */
  plan?: string;
  /** The dashboard's webhook URL, used when a send names no `callback_url`. */
  webhookUrl?: string;
}

export interface SmsProviderEmulatorOptions {
  port?: number;
  accounts: SmsProviderAccount[];
  /** From `sent` to `delivered` / `failed` (default 2000). */
  deliveryDelayMs?: number;
  /** The document is silent on webhook retries: we try 3 times, 1 s apart, until a 2xx. */
  callbackAttempts?: number;
  callbackIntervalMs?: number;
  /** Requests per sliding second per API key (Standard plan: 10). */
  requestsPerSecond?: number;
}

export interface StoredSmsProviderMessage {
  id: string;
  apiKey: string;
  to: string;
  from: string;
  message: string;
  status: 'queued' | 'sent' | 'delivered' | 'failed' | 'expired';
  scheduledAt: Date | null;
  callbackUrl: string | null;
  times: Partial<Record<'sent' | 'delivered' | 'failed' | 'expired', Date>>;
  error?: { code: string; message: string };
}

export interface SmsProviderEmulator extends RunningEmulator {
  messages: Map<string, StoredSmsProviderMessage>;
  /** Messages to this number end `failed` (webhook message.failed). */
  failDelivery(number: string): void;
  /** Messages to this number end `expired`; no webhook, as the document lists no such event. */
  expireDelivery(number: string): void;
  credits(apiKey: string): number;
  setCredits(apiKey: string, credits: number): void;
}

const E164 = /^\+\d{8,15}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_LENGTH = 1600;
/** Undocumented: the most numbers one `to` array may hold (the adapter's maxBatchSize). */
const MAX_RECIPIENTS = 100;
const DEFAULT_SENDER = 'SMSProvider';
const MAX_TIMER_MS = 2 ** 31 - 1;
type Answer = EmulatorResponse & { body: object };

const fail = (status: number, code: string, message: string, param?: string): Answer => ({
  status,
  body: { success: false, error: { code, message, ...(param ? { param } : {}) } },
});

/**
 * SMS Provider as its document describes it. Where it is silent we chose (and the adapter
 * expects): the `to`-array answer `{ success, messages: [{ to, message_id, status }], credits_used,
 * credits_remaining }`; GET /account `{ credits, plan }`; 404 `not_found`; 400 `invalid_request`
 * with `param` for a missing field or a schedule not in the future; a `to` array with a bad
 * number refused whole; 1 credit per recipient per 160 characters; webhooks only for
 * message.delivered / message.failed (`failed_at`, `error`), signed over the raw body.
 */
export async function startSmsProviderEmulator(options: SmsProviderEmulatorOptions): Promise<SmsProviderEmulator> {
  const deliveryDelayMs = options.deliveryDelayMs ?? 2000;
  const limit = options.requestsPerSecond ?? 10;
  const accounts = new Map(options.accounts.map((account) => [account.apiKey, { ...account }]));
  const messages = new Map<string, StoredSmsProviderMessage>();
  const failing = new Set<string>();
  const expiring = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const windows = new Map<string, number[]>();

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => (timers.delete(timer), fn()), Math.max(0, ms));
    timer.unref();
    timers.add(timer);
  };

  /**
   * A sliding one-second window per Authorization header; refused requests do not count.
   * X-RateLimit-Reset is whole seconds (rounded up) until the oldest request leaves the window.
   */
  const rateHeaders = (request: RecordedRequest): { allowed: boolean; headers: Record<string, string> } => {
    const key = request.headers.authorization ?? '';
    const recent = (windows.get(key) ?? []).filter((at) => at > request.at - 1000);
    const allowed = recent.length < limit;
    if (allowed) recent.push(request.at);
    windows.set(key, recent);
    const resetSeconds = recent.length > 0 ? Math.ceil(((recent[0] ?? request.at) + 1000 - request.at) / 1000) : 0;
    return { allowed, headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(Math.max(0, limit - recent.length)), 'X-RateLimit-Reset': String(resetSeconds) } };
  };

  const rateLimited = (headers: Record<string, string>): EmulatorResponse => ({ ...fail(429, 'rate_limit_exceeded', 'API rate limit exceeded'), headers });

  const handle = (request: RecordedRequest): EmulatorResponse => {
    const rate = rateHeaders(request);
    if (!rate.allowed) return rateLimited(rate.headers);
    return { ...route(request), headers: rate.headers };
  };

  const route = (request: RecordedRequest): Answer => {
    const apiKey = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const account = apiKey ? accounts.get(apiKey) : undefined;
    if (!account || emulator.faults.rejectCredentials) return fail(401, 'authentication_failed', 'Invalid or missing API key');
    if (request.method === 'POST' && request.path === '/v1/messages') return send(account, request.body);
    const id = /^\/v1\/messages\/([^/]+)$/.exec(request.path)?.[1];
    if (request.method === 'GET' && id) return lookUp(account, decodeURIComponent(id));
    if (request.method === 'GET' && request.path === '/v1/account') return { status: 200, body: { credits: account.credits, plan: account.plan ?? 'standard' } };
    return fail(404, 'not_found', `No route ${request.method} ${request.path}`);
  };

  const send = (account: SmsProviderAccount, rawBody: string): Answer => {
    const input = readJson(rawBody);
    const checked = checkSend(input);
    if ('status' in checked) return checked;
    const creditsUsed = checked.recipients.length * Math.ceil(checked.message.length / 160);
    if (emulator.faults.outOfCredits || account.credits < creditsUsed) return fail(402, 'insufficient_credits', 'Your account has insufficient credits');
    account.credits -= creditsUsed;
    const stored = checked.recipients.map((to) => store(account, to, checked));
    schedule(stored, checked.scheduledAt);
    if (!Array.isArray(input?.to)) return { status: 200, body: { success: true, message_id: stored[0]?.id, credits_used: creditsUsed, credits_remaining: account.credits, status: 'queued' } };
    return { status: 200, body: { success: true, messages: stored.map(({ to, id }) => ({ to, message_id: id, status: 'queued' })), credits_used: creditsUsed, credits_remaining: account.credits } };
  };

  const store = (account: SmsProviderAccount, to: string, checked: CheckedSend): StoredSmsProviderMessage => {
    const message: StoredSmsProviderMessage = {
      id: `msg_${randomBytes(7).toString('hex').slice(0, 13)}`,
      apiKey: account.apiKey,
      to,
      from: checked.from ?? DEFAULT_SENDER,
      message: checked.message,
      status: 'queued',
      scheduledAt: checked.scheduledAt,
      callbackUrl: checked.callbackUrl ?? account.webhookUrl ?? null,
      times: {},
    };
    messages.set(message.id, message);
    return message;
  };

  /** Queued until due (now, or `scheduled_at`), then sent, then the outcome after the delay. */
  const schedule = (stored: StoredSmsProviderMessage[], scheduledAt: Date | null) => {
    const dueIn = scheduledAt ? scheduledAt.getTime() - Date.now() : 0;
    if (dueIn > MAX_TIMER_MS) return; // stays queued for as long as any test runs
    later(dueIn, () => {
      for (const message of stored) Object.assign(message, { status: 'sent', times: { sent: new Date() } });
      later(deliveryDelayMs, () => finish(stored));
    });
  };

  const finish = (stored: StoredSmsProviderMessage[]) => {
    for (const message of stored) {
      const status = failing.has(message.to) ? 'failed' : expiring.has(message.to) ? 'expired' : 'delivered';
      message.status = status;
      message.times[status] = new Date();
      if (status === 'failed') message.error = { code: 'undeliverable', message: 'The handset could not be reached' };
    }
    const calls = stored.flatMap((message) => callbackFor(message) ?? []);
    emulator.deliverCallbacks(calls, {
      attempts: options.callbackAttempts ?? 3,
      intervalMs: options.callbackIntervalMs ?? 1000,
      succeeded: (status) => status >= 200 && status < 300,
    });
  };

  const callbackFor = (message: StoredSmsProviderMessage): CallbackRequest | undefined => {
    const account = accounts.get(message.apiKey);
    if (!message.callbackUrl || !account || message.status === 'expired') return undefined;
    const at = message.times[message.status as 'delivered' | 'failed'] ?? new Date();
    const body = JSON.stringify({
      event: `message.${message.status}`,
      message_id: message.id,
      to: message.to,
      status: message.status,
      [`${message.status}_at`]: isoSeconds(at),
      ...(message.error ? { error: message.error } : {}),
      timestamp: Math.floor(at.getTime() / 1000),
    });
    const signature = createHmac('sha256', account.webhookSecret).update(body).digest('hex');
    return { url: message.callbackUrl, method: 'POST', headers: { 'content-type': 'application/json', 'x-smsprovider-signature': signature }, body };
  };

  const lookUp = (account: SmsProviderAccount, id: string): Answer => {
    const message = messages.get(id);
    if (!message || message.apiKey !== account.apiKey) return fail(404, 'not_found', `No message ${id}`);
    const times = Object.fromEntries(Object.entries(message.times).map(([status, at]) => [`${status}_at`, isoSeconds(at)]));
    return {
      status: 200,
      body: {
        message_id: message.id,
        to: message.to,
        from: message.from,
        message: message.message,
        status: message.status,
        ...(message.scheduledAt ? { scheduled_at: isoSeconds(message.scheduledAt) } : {}),
        ...times,
        ...(message.error ? { error: message.error } : {}),
      },
    };
  };

  const emulator = await startEmulator({ handle, rateLimited: () => rateLimited({ 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1' }) }, { port: options.port });
  const close = emulator.close;
  return Object.assign(emulator, {
    // The document's base URL ends in /v1; so does the emulator's.
    url: `${emulator.url}/v1`,
    messages,
    failDelivery: (number: string) => void failing.add(number),
    expireDelivery: (number: string) => void expiring.add(number),
    credits: (apiKey: string) => accounts.get(apiKey)?.credits ?? 0,
    setCredits(apiKey: string, credits: number) {
      const account = accounts.get(apiKey);
      if (account) account.credits = credits;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await close();
    },
  });
}

interface CheckedSend {
  recipients: string[];
  message: string;
  from?: string;
  scheduledAt: Date | null;
  callbackUrl?: string;
}

/** POST /messages' parameters, checked in the document's order. */
function checkSend(input: Record<string, unknown> | undefined): CheckedSend | Answer {
  if (!input) return fail(400, 'invalid_request', 'The body must be a JSON object');
  const recipients = typeof input.to === 'string' ? [input.to] : input.to;
  if (!Array.isArray(recipients) || recipients.length === 0 || !recipients.every((to) => typeof to === 'string')) return fail(400, 'invalid_request', '`to` must be a phone number or an array of them', 'to');
  if (recipients.length > MAX_RECIPIENTS) return fail(400, 'invalid_request', `\`to\` may hold at most ${MAX_RECIPIENTS} numbers`, 'to');
  const bad = recipients.find((to) => !E164.test(to));
  if (bad !== undefined) return fail(400, 'invalid_phone_number', `Phone number format is invalid: ${bad}`);
  if (typeof input.message !== 'string' || input.message.length === 0) return fail(400, 'invalid_request', '`message` is required', 'message');
  if (input.message.length > MAX_LENGTH) return fail(400, 'message_too_long', `Message exceeds maximum length of ${MAX_LENGTH} characters`);
  if (input.from !== undefined && (typeof input.from !== 'string' || input.from.length === 0)) return fail(400, 'invalid_request', '`from` must be a sender ID', 'from');
  const scheduledAt = checkSchedule(input.scheduled_at);
  if (scheduledAt instanceof Error) return fail(400, 'invalid_request', scheduledAt.message, 'scheduled_at');
  if (input.callback_url !== undefined && (typeof input.callback_url !== 'string' || !URL.canParse(input.callback_url))) return fail(400, 'invalid_request', '`callback_url` must be a URL', 'callback_url');
  return {
    recipients: recipients as string[],
    message: input.message,
    scheduledAt,
    ...(typeof input.from === 'string' ? { from: input.from } : {}),
    ...(typeof input.callback_url === 'string' ? { callbackUrl: input.callback_url } : {}),
  };
}

function checkSchedule(value: unknown): Date | null | Error {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !ISO_8601.test(value) || Number.isNaN(Date.parse(value))) return new Error('`scheduled_at` must be an ISO 8601 timestamp');
  const at = new Date(value);
  return at.getTime() > Date.now() ? at : new Error('`scheduled_at` must be in the future');
}

function readJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isoSeconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
