import { randomUUID } from 'node:crypto';
import { startEmulator, type EmulatorResponse, type RecordedRequest, type RunningEmulator } from './base.js';

/** One SMSGate account: v1 credentials, a v2 API key, or both. */
export interface SmsGateAccount {
  username?: string;
  password?: string;
  apiKey?: string;
  /** Messages it can still send: each number of a send costs 1 (in `currency`). */
  balance: number;
  /** GET api/v2/account/balance's `currency` (default "KES"). */
  currency?: string;
}

export interface SmsGateEmulatorOptions {
  port?: number;
  accounts: SmsGateAccount[];
  /** From accepted to delivered / failed, seen only in `messages`: SMSGate reports nothing (default 2000). */
  deliveryDelayMs?: number;
  /** Requests per window per credential (documented `x-ratelimit-limit: 60`). */
  requestsPerMinute?: number;
  /** The sliding window's length (default 60 000: a minute); tests shorten it. */
  windowMs?: number;
}

export interface StoredSmsGateMessage {
  /** v2's `message_id`; v1 names none, so it is internal there. */
  id: string;
  version: 'v1' | 'v2';
  /** The account's username (v1) or API key (v2). */
  credential: string;
  number: string;
  body: string;
  status: 'accepted' | 'delivered' | 'failed';
  at: Date;
}

export interface SmsGateEmulator extends RunningEmulator {
  messages: StoredSmsGateMessage[];
  /** Messages to this number (as sent, e.g. "0701234567") end `failed`. */
  failDelivery(number: string): void;
  /** The next N API calls answer the documented 500 `{ "message": "Server Error" }`. */
  serverErrorNext(count: number): void;
  /** The balance of the account with this username or API key. */
  balance(credential: string): number;
  setBalance(credential: string, balance: number): void;
}

type Answer = EmulatorResponse & { body?: object };
type Params = URLSearchParams;

/** The emulated SMSGate is Kenyan: local numbers are 0 + 9 digits; others come as +E.164. */
const LOCAL_NUMBER = /^0\d{9}$/;
const INTERNATIONAL_NUMBER = /^\+[1-9]\d{7,14}$/;
/** Undocumented: the most numbers one request may carry (the adapter's maxBatchSize). */
const MAX_NUMBERS = 100;

const refusal = (status: number, text: string, extra: object = {}): Answer => ({ status, body: { error: text, ...extra } });
const UNAUTHORIZED_V1 = refusal(401, 'Unauthorized.');
const KEY_REQUIRED = refusal(401, 'API key is required', { help: 'Provide X-API-Key header or api_key parameter' });
const INVALID_KEY = refusal(401, 'Invalid API key.');
const INSUFFICIENT_BALANCE = refusal(402, 'Insufficient balance.');
const INVALID_NUMBER = refusal(400, 'Invalid phone number format.');
const SERVER_ERROR: Answer = { status: 500, body: { message: 'Server Error' } };

/**
 * SMSGate as its document describes it. Where it is silent we chose (and the adapter expects):
 * v2 takes v1's `numbers` / `message_body` and answers `{ status: "success", messages: [{ number,
 * message_id }] }`; v1 answers 200 with an empty body; a wrong v2 key is 401 "Invalid API key.";
 * too little balance is 402 "Insufficient balance."; a missing field is 400 `{ error }`; one bad
 * number refuses the whole request; at most 100 numbers; no length limit (none is documented);
 * GET api/v2/account/balance `{ balance, currency }`. Limits: a sliding window per credential
 * (unauthenticated calls count too, as the documented 401s carry the headers); 429 answers the
 * framework's `{ "message": "Too Many Attempts." }` with Retry-After; x-ratelimit-reset is sent
 * once remaining reaches 0. No callbacks: the document has none.
 */
export async function startSmsGateEmulator(options: SmsGateEmulatorOptions): Promise<SmsGateEmulator> {
  const deliveryDelayMs = options.deliveryDelayMs ?? 2000;
  const limit = options.requestsPerMinute ?? 60;
  const windowMs = options.windowMs ?? 60_000;
  const accounts = options.accounts.map((account) => ({ ...account }));
  const messages: StoredSmsGateMessage[] = [];
  const failing = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const windows = new Map<string, number[]>();
  let serverErrors = 0;

  const accountOf = (credential: string) => accounts.find((account) => account.username === credential || account.apiKey === credential);

  /** A sliding window per credential; refused requests do not count. */
  const countRequest = (request: RecordedRequest, params: Params): { allowed: boolean; headers: Record<string, string> } => {
    const key = request.headers['x-api-key'] || params.get('api_key') || params.get('username') || '';
    const recent = (windows.get(key) ?? []).filter((at) => at > request.at - windowMs);
    const allowed = recent.length < limit;
    if (allowed) recent.push(request.at);
    windows.set(key, recent);
    const remaining = Math.max(0, limit - recent.length);
    const resetSeconds = String(Math.max(1, Math.ceil(((recent[0] ?? request.at) + windowMs - request.at) / 1000)));
    const headers: Record<string, string> = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining) };
    if (remaining === 0) Object.assign(headers, { 'x-ratelimit-reset': resetSeconds, ...(allowed ? {} : { 'retry-after': resetSeconds }) });
    return { allowed, headers };
  };

  const tooManyAttempts = (headers: Record<string, string>): EmulatorResponse => ({ status: 429, headers, body: { message: 'Too Many Attempts.' } });

  const handle = (request: RecordedRequest): EmulatorResponse => {
    const params = paramsOf(request);
    const rate = countRequest(request, params);
    if (!rate.allowed) return tooManyAttempts(rate.headers);
    if (serverErrors > 0) {
      serverErrors -= 1;
      return { ...SERVER_ERROR, headers: rate.headers };
    }
    return { ...route(request, params), headers: { 'cache-control': 'no-cache, private', ...rate.headers } };
  };

  const route = (request: RecordedRequest, params: Params): Answer => {
    const { method, path } = request;
    if (method === 'POST' && path === '/v1/sms/send') return sendV1(params);
    if ((method === 'POST' || method === 'GET') && path === '/api/v2/sms/send') return withKey(request, params, (account) => send(account, 'v2', params));
    if (method === 'GET' && path === '/api/v2/account/balance') return withKey(request, params, (account) => ({ status: 200, body: { balance: account.balance, currency: account.currency ?? 'KES' } }));
    if (method === 'GET' && path === '/api/v2') return SERVER_ERROR;
    return { status: 404, body: { message: `The route ${path.replace(/^\//, '')} could not be found.` } };
  };

  /** v1: username and password as URL or form parameters. */
  const sendV1 = (params: Params): Answer => {
    const account = accounts.find((candidate) => candidate.username !== undefined && candidate.username === params.get('username') && candidate.password === params.get('password'));
    if (!account || emulator.faults.rejectCredentials) return UNAUTHORIZED_V1;
    return send(account, 'v1', params);
  };

  /** v2: the X-API-Key header or the api_key parameter. */
  const withKey = (request: RecordedRequest, params: Params, serve: (account: SmsGateAccount) => Answer): Answer => {
    const key = request.headers['x-api-key'] || params.get('api_key');
    if (!key) return KEY_REQUIRED;
    const account = accounts.find((candidate) => candidate.apiKey === key);
    if (!account || emulator.faults.rejectCredentials) return INVALID_KEY;
    return serve(account);
  };

  const send = (account: SmsGateAccount, version: 'v1' | 'v2', params: Params): Answer => {
    const checked = checkSend(params);
    if ('status' in checked) return checked;
    if (emulator.faults.outOfCredits || account.balance < checked.numbers.length) return INSUFFICIENT_BALANCE;
    account.balance -= checked.numbers.length;
    const credential = (version === 'v1' ? account.username : account.apiKey) ?? '';
    const stored = checked.numbers.map((number) => store({ id: randomUUID(), version, credential, number, body: checked.body, status: 'accepted', at: new Date() }));
    if (version === 'v1') return { status: 200 };
    return { status: 200, body: { status: 'success', messages: stored.map(({ number, id }) => ({ number, message_id: id })) } };
  };

  const store = (message: StoredSmsGateMessage) => {
    messages.push(message);
    const timer = setTimeout(() => {
      timers.delete(timer);
      message.status = failing.has(message.number) ? 'failed' : 'delivered';
    }, deliveryDelayMs);
    timer.unref();
    timers.add(timer);
    return message;
  };

  const emulator = await startEmulator(
    { handle, rateLimited: () => tooManyAttempts({ 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1', 'retry-after': '1' }) },
    { port: options.port },
  );
  const close = emulator.close;
  return Object.assign(emulator, {
    messages,
    failDelivery: (number: string) => void failing.add(number),
    serverErrorNext: (count: number) => void (serverErrors = count),
    balance: (credential: string) => accountOf(credential)?.balance ?? 0,
    setBalance(credential: string, balance: number) {
      const account = accountOf(credential);
      if (account) account.balance = balance;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await close();
    },
  });
}

/** `numbers` and `message_body`, checked in the document's order. */
function checkSend(params: Params): { numbers: string[]; body: string } | Answer {
  const numbers = (params.get('numbers') ?? '').split(',').map((number) => number.trim()).filter(Boolean);
  if (numbers.length === 0) return refusal(400, 'The numbers field is required.');
  const body = params.get('message_body') ?? '';
  if (!body) return refusal(400, 'The message body field is required.');
  if (numbers.length > MAX_NUMBERS) return refusal(400, `The numbers field must not have more than ${MAX_NUMBERS} numbers.`);
  if (!numbers.every((number) => LOCAL_NUMBER.test(number) || INTERNATIONAL_NUMBER.test(number))) return INVALID_NUMBER;
  return { numbers, body };
}

/** URL parameters, overridden by form parameters (the document accepts credentials in either). */
function paramsOf(request: RecordedRequest): Params {
  const params = new URLSearchParams(request.query);
  if ((request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(request.body)) params.set(name, value);
  }
  return params;
}
