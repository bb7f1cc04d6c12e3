import { startEmulator, type CallbackPolicy, type CallbackRequest, type EmulatorResponse, type RecordedRequest, type RunningEmulator } from './base.js';

/**
 * BrandSMS as its document describes it. What the document leaves out is chosen here, the same
 * way the adapter (src/providers/brandsms) chose it:
 * - path `/api/v1/sms/send`, GET query or POST form (the method is undocumented);
 * - success `{ success: true, messages: [{ number, smsID }] }`, one per number in order; errors
 *   `{ success: false, error: { code, message } }` with codes of our own (BrandSMS names none):
 *   401 invalid_key, 400 missing_parameter / invalid_number / invalid_send_time,
 *   402 insufficient_balance, 429 too_many_requests (Retry-After: 1);
 * - one bad number refuses the whole request; each number costs one message of `balance`;
 * - no sender parameter (messages go out as the brand) and no limit on numbers per request
 *   (the adapter sends at most 100);
 * - `sendTime` and callback `date` are wall-clock times in the account's `timeZone`; a sendTime
 *   must be later than now (so the current minute is refused);
 * - callbacks are tried up to 3 times, `callbackIntervalMs` apart, until a 2xx answer.
 */
export interface BrandSmsAccount {
  key: string;
  brandId: string;
  /** Where status callbacks go (configured at BrandSMS); none: no callbacks. */
  callbackUrl?: string;
  callbackKey: string;
  /** Messages the account can still send (one per number). */
  balance: number;
  /** The zone `sendTime` and callback `date` are written in (default UTC). */
  timeZone?: string;
}

export interface BrandSmsEmulatorOptions {
  port?: number;
  accounts: BrandSmsAccount[];
  /** From acceptance (or sendTime) to "sent", and again to "delivered"/"failed". Default 2000. */
  deliveryDelayMs?: number;
  /** Between callback attempts (undocumented; default 1000). */
  callbackIntervalMs?: number;
  /** Attempts per callback (undocumented; default 3). */
  callbackAttempts?: number;
}

export interface BrandSmsStoredMessage {
  smsID: string;
  brandId: string;
  number: string;
  text: string;
  sendTime: string | null;
  otp: boolean;
  stopList: boolean;
  /** statusIDs reported so far, in order. */
  statuses: number[];
}

export interface BrandSmsEmulator extends RunningEmulator {
  messages: BrandSmsStoredMessage[];
  accounts: BrandSmsAccount[];
  /** Messages to this number (international, no `+`) end with statusID 2 (or 4) instead of 1. */
  failDelivery(number: string, statusID?: 2 | 4): void;
  /** Sends one callback for a stored message now, with any statusID (e.g. 3 pending). */
  pushStatus(smsID: string, statusID: number): void;
}

const SEND_PATH = '/api/v1/sms/send';
const NUMBER = /^[1-9]\d{7,14}$/;
const SEND_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

const refuse = (status: number, code: string, message: string): EmulatorResponse => ({ status, body: { success: false, error: { code, message } } });

export async function startBrandSmsEmulator(options: BrandSmsEmulatorOptions): Promise<BrandSmsEmulator> {
  const deliveryDelayMs = options.deliveryDelayMs ?? 2000;
  const policy: CallbackPolicy = {
    attempts: options.callbackAttempts ?? 3,
    intervalMs: options.callbackIntervalMs ?? 1000,
    succeeded: (status) => status >= 200 && status < 300,
  };
  const accounts = options.accounts;
  const messages: BrandSmsStoredMessage[] = [];
  const failing = new Map<string, 2 | 4>();
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 1000;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => (timers.delete(timer), fn()), Math.max(0, ms));
    timers.add(timer);
  };

  const accountOf = (message: BrandSmsStoredMessage) => accounts.find((account) => account.brandId === message.brandId);

  const callbackFor = (message: BrandSmsStoredMessage, statusID: number): CallbackRequest | undefined => {
    message.statuses.push(statusID);
    const account = accountOf(message);
    if (!account?.callbackUrl) return undefined;
    const url = new URL(account.callbackUrl);
    const date = wallClock(new Date(), account.timeZone ?? 'UTC');
    for (const [name, value] of Object.entries({ key: account.callbackKey, smsID: message.smsID, number: message.number, statusID: String(statusID), date })) {
      url.searchParams.set(name, value);
    }
    return { url: url.toString(), method: 'GET' };
  };

  const deliver = (calls: Array<CallbackRequest | undefined>) => {
    const ready = calls.filter((call): call is CallbackRequest => call !== undefined);
    if (ready.length > 0) emulator.deliverCallbacks(ready, policy);
  };

  /** "sent" after the delay, the outcome a delay later; out of order, both go together at the end. */
  const scheduleReports = (message: BrandSmsStoredMessage, startsInMs: number) => {
    const outcome = () => failing.get(message.number) ?? 1;
    later(startsInMs + deliveryDelayMs, () => {
      if (emulator.faults.outOfOrderReceipts) {
        later(deliveryDelayMs, () => deliver([callbackFor(message, 0), callbackFor(message, outcome())]));
        return;
      }
      deliver([callbackFor(message, 0)]);
      later(deliveryDelayMs, () => deliver([callbackFor(message, outcome())]));
    });
  };

  const send = (request: RecordedRequest): EmulatorResponse => {
    const params = requestParams(request);
    const missing = ['key', 'brandID', 'numbers', 'text'].filter((name) => !params.get(name));
    if (missing.length > 0) return refuse(400, 'missing_parameter', `missing parameter: ${missing.join(', ')}`);
    const account = accounts.find((candidate) => candidate.key === params.get('key') && candidate.brandId === params.get('brandID'));
    if (!account || emulator.faults.rejectCredentials) return refuse(401, 'invalid_key', 'invalid key or brandID');

    const numbers = (params.get('numbers') ?? '').split(',').map((number) => number.trim());
    const badNumber = numbers.find((number) => !NUMBER.test(number));
    if (badNumber !== undefined) return refuse(400, 'invalid_number', `invalid number: "${badNumber}" (international format, digits only, without 00 or +)`);

    const sendTime = params.get('sendTime');
    const timeZone = account.timeZone ?? 'UTC';
    const startsInMs = sendTime === null ? 0 : msUntil(sendTime, timeZone);
    if (startsInMs === undefined || (sendTime !== null && startsInMs <= 0)) return refuse(400, 'invalid_send_time', `sendTime must be Y-m-d H:i and later than the current time (${wallClock(new Date(), timeZone)})`);

    if (emulator.faults.outOfCredits || account.balance < numbers.length) {
      return refuse(402, 'insufficient_balance', `insufficient balance: ${account.balance} messages left, ${numbers.length} needed`);
    }
    account.balance -= numbers.length;

    const stored = numbers.map((number) => {
      const message: BrandSmsStoredMessage = {
        smsID: String((nextId += 1)),
        brandId: account.brandId,
        number,
        text: params.get('text') ?? '',
        sendTime,
        otp: params.get('otp') === 'true',
        stopList: params.get('stopList') !== 'false',
        statuses: [],
      };
      messages.push(message);
      scheduleReports(message, startsInMs);
      return message;
    });
    return { status: 200, body: { success: true, messages: stored.map(({ number, smsID }) => ({ number, smsID })) } };
  };

  const base = await startEmulator(
    {
      handle(request) {
        if (request.path !== SEND_PATH) return refuse(404, 'not_found', `no such endpoint: ${request.path}`);
        if (request.method !== 'GET' && request.method !== 'POST') return refuse(405, 'method_not_allowed', 'use GET or POST');
        return send(request);
      },
      setWebhookUrl: (url) => accounts.forEach((account) => (account.callbackUrl = url)),
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' }, body: { success: false, error: { code: 'too_many_requests', message: 'too many requests' } } }),
    },
    { port: options.port },
  );

  const emulator: BrandSmsEmulator = {
    ...base,
    faults: base.faults,
    messages,
    accounts,
    failDelivery: (number, statusID = 2) => void failing.set(number, statusID),
    pushStatus(smsID, statusID) {
      const message = messages.find((candidate) => candidate.smsID === smsID);
      if (!message) throw new Error(`no message ${smsID}`);
      deliver([callbackFor(message, statusID)]);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await base.close();
    },
  };
  return emulator;
}

/** A POST form's parameters, over any in the query string (BrandSMS's method is undocumented). */
function requestParams(request: RecordedRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  if (request.method === 'POST') for (const [name, value] of new URLSearchParams(request.body)) params.set(name, value);
  return params;
}

/** `Y-m-d H:i:s` as the wall clock in `timeZone` shows it (Swedish dates are ISO-like). */
function wallClock(at: Date, timeZone: string): string {
  return at.toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
}

/** Milliseconds from now until a `Y-m-d H:i` in `timeZone`, compared as wall-clock times; undefined when unreadable. */
function msUntil(sendTime: string, timeZone: string): number | undefined {
  const match = SEND_TIME.exec(sendTime);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wanted);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  const now = Date.parse(`${wallClock(new Date(), timeZone).replace(' ', 'T')}Z`);
  return wanted - now;
}
