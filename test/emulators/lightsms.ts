import { createHash } from 'node:crypto';
import { estimateBody } from '../../src/domain/messages/segments.js';
import { startEmulator, type EmulatorResponse, type RecordedRequest, type RunningEmulator } from './base.js';

/**
 * LightSMS as its document describes it: signed GETs to `/external/get/send.php` (and the
 * `timestamp.php` the examples call), answering JSON or XML (`return=`). What the document leaves
 * out is chosen here, the same way the adapter (src/providers/lightsms) chose it:
 * - a refusal of the whole request is HTTP 200 `{ "error": "<code>", "message": "…" }` (XML
 *   `<response error="…" message="…" />`): 1 wrong login or signature, 2 a required parameter
 *   missing or empty, 3 sendingTime not `YYYY-MM-DD HH:MM` in the future (account time zone),
 *   4 timestamp more than 300 s from the server's clock, 5 text longer than 10 parts, 6 more than
 *   100 phones; documented codes come per phone as `{ "<phone>": { "error": "13" } }`, and so does
 *   7, a phone that is not 8–15 digits without `+`;
 * - sender: 8 when malformed (not 1–11 letters, digits, space . - or 1–15 digits) or still awaiting
 *   approval (`pendingSenders`), 9 when well-formed but never registered; absent is 2;
 * - each part costs 0.0144 of the account's balance, phone by phone: 32 once it runs out;
 * - a phone named twice in one request is sent once (the answer is keyed by phone);
 * - `balance.php` (the document's unspecified "balance endpoint"): signed like a send, answering
 *   `{ "balance": "12.3400", "currency": "EUR" }`;
 * - 429 answers `Too many requests` with Retry-After: 1; there are no callbacks and no status
 *   call, so a message's status (sent → delivered/failed) is seen only in `messages`.
 */
export interface LightSmsAccount {
  login: string;
  apiKey: string;
  /** Money left, in `currency`. */
  balance: number;
  currency: string;
  /** The account's configured zone, in which `sendingTime` is read (default UTC). */
  timeZone?: string;
  /** Approved sender names. */
  senders: string[];
  /** Registered sender names still awaiting approval (error 8). */
  pendingSenders?: string[];
  /** Phones (digits, no `+`) that get error 13. */
  blacklist?: string[];
}

export interface LightSmsEmulatorOptions {
  port?: number;
  accounts: LightSmsAccount[];
  /** From sending to "delivered"/"failed" in the store. Default 2000. */
  deliveryDelayMs?: number;
  /** The server's clock is the real one plus this (timestamp.php answers it). Default 0. */
  clockSkewSeconds?: number;
  /** Words (any case) that refuse a text with error 11. Default ["casino"]. */
  forbiddenWords?: string[];
}

export type LightSmsStatus = 'scheduled' | 'sent' | 'delivered' | 'failed';

export interface LightSmsStoredMessage {
  idSms: string;
  login: string;
  phone: string;
  text: string;
  sender: string;
  /** As received, so tests can check its format and zone. */
  sendingTime: string | null;
  countSms: number;
  cost: number;
  status: LightSmsStatus;
}

export interface LightSmsEmulator extends RunningEmulator {
  /** The API's base URL at this emulator (what a connection's baseUrl is set to). */
  baseUrl: string;
  messages: LightSmsStoredMessage[];
  accounts: LightSmsAccount[];
  /** The server clock's offset from the real one, in seconds; may be changed at any time. */
  clockSkewSeconds: number;
  /** While true, timestamp.php answers HTTP 503. */
  timestampUnavailable: boolean;
  /** Messages to this phone (digits, no `+`) end `failed` instead of `delivered`. */
  failDelivery(phone: string): void;
  /** The next `count` send.php / balance.php calls are refused with this request-level code. */
  refuseNext(code: string, count?: number): void;
}

type Format = 'json' | 'xml';
type AnswerBody = Record<string, string | Record<string, string>>;

const API_PATH = '/external/get/';
const PHONE = /^\d{8,15}$/;
const SENDER = /^(?:[A-Za-z0-9 .-]{1,11}|\d{1,15})$/;
const SENDING_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
const PART_COST = 0.0144;
const MAX_PARTS = 10;
const MAX_PHONES = 100;
const TIMESTAMP_TOLERANCE_S = 300;
/** setTimeout's limit: a message scheduled further out stays `scheduled`. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const REQUEST_ERRORS: Record<string, string> = {
  '1': 'Wrong login or signature',
  '2': 'Required parameter missing',
  '3': 'Invalid sendingTime',
  '4': 'Timestamp is too far from the server time',
  '5': 'Text is too long',
  '6': 'Too many phone numbers',
};

export async function startLightSmsEmulator(options: LightSmsEmulatorOptions): Promise<LightSmsEmulator> {
  const deliveryDelayMs = options.deliveryDelayMs ?? 2000;
  const forbiddenWords = (options.forbiddenWords ?? ['casino']).map((word) => word.toLowerCase());
  const { accounts } = options;
  const messages: LightSmsStoredMessage[] = [];
  const failing = new Set<string>();
  const forced: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 0;

  const serverNow = () => Date.now() + emulator.clockSkewSeconds * 1000;

  const later = (ms: number, fn: () => void) => {
    if (ms > MAX_TIMER_MS) return;
    const timer = setTimeout(() => (timers.delete(timer), fn()), Math.max(0, ms));
    timers.add(timer);
  };

  const refuse = (format: Format, code: string, detail?: string) => answer(format, { error: code, message: detail ?? REQUEST_ERRORS[code] ?? 'Error' });

  /** Required parameters, login and signature, and the timestamp, in that order. */
  const authenticate = (query: URLSearchParams, required: string[], format: Format): LightSmsAccount | EmulatorResponse => {
    const missing = ['login', 'signature', 'timestamp', ...required].filter((name) => !query.get(name) && !(name === 'sender' && query.has(name)));
    if (missing.length > 0) return refuse(format, '2', `Required parameter missing: ${missing.join(', ')}`);
    const account = accounts.find((candidate) => candidate.login === query.get('login'));
    if (!account || emulator.faults.rejectCredentials || query.get('signature') !== expectedSignature(query, account.apiKey)) return refuse(format, '1');
    const timestamp = Number(query.get('timestamp'));
    if (!Number.isInteger(timestamp) || Math.abs(timestamp - serverNow() / 1000) > TIMESTAMP_TOLERANCE_S) return refuse(format, '4');
    return account;
  };

  const store = (account: LightSmsAccount, fields: Omit<LightSmsStoredMessage, 'idSms' | 'login' | 'status'>, dueInMs: number) => {
    nextId += 1;
    const message: LightSmsStoredMessage = { ...fields, idSms: `${Date.now()}${String(nextId).padStart(9, '0')}`, login: account.login, status: fields.sendingTime ? 'scheduled' : 'sent' };
    messages.push(message);
    later(dueInMs, () => (message.status = 'sent'));
    later(dueInMs + deliveryDelayMs, () => (message.status = failing.has(message.phone) ? 'failed' : 'delivered'));
    return message;
  };

  const send = (account: LightSmsAccount, query: URLSearchParams, format: Format): EmulatorResponse => {
    const named = query.get('phone')!.split(',').map((phone) => phone.trim());
    if (named.length > MAX_PHONES) return refuse(format, '6', `At most ${MAX_PHONES} phone numbers per request`);
    const phones = [...new Set(named)];
    const sendingTime = query.get('sendingTime') || null;
    const dueInMs = sendingTime === null ? 0 : msUntil(sendingTime, account.timeZone ?? 'UTC', serverNow());
    if (dueInMs === undefined || (sendingTime !== null && dueInMs <= 0)) return refuse(format, '3', 'sendingTime must be YYYY-MM-DD HH:MM, later than now');
    const text = query.get('text')!;
    const countSms = estimateBody(text).segments;
    if (countSms > MAX_PARTS) return refuse(format, '5', `At most ${MAX_PARTS} parts; this text needs ${countSms}`);

    const sender = query.get('sender')!;
    const cost = round4(countSms * PART_COST);
    const shared = senderError(account, sender) ?? (forbiddenWords.some((word) => text.toLowerCase().includes(word)) ? '11' : undefined);
    const phoneError = (phone: string) => {
      if (emulator.faults.outOfCredits) return '32';
      if (shared) return shared;
      if (!PHONE.test(phone)) return '7';
      if (account.blacklist?.includes(phone)) return '13';
      return cost > account.balance + 1e-9 ? '32' : undefined;
    };

    const results: AnswerBody = {};
    for (const phone of phones) {
      const error = phoneError(phone);
      if (error) {
        results[phone] = { error };
        continue;
      }
      account.balance = round4(account.balance - cost);
      const stored = store(account, { phone, text, sender, sendingTime, countSms, cost }, dueInMs);
      results[phone] = { error: '0', id_sms: stored.idSms, cost: cost.toFixed(4), count_sms: String(countSms) };
    }
    return answer(format, results);
  };

  const route = (request: RecordedRequest): EmulatorResponse => {
    const endpoint = request.path.startsWith(API_PATH) ? request.path.slice(API_PATH.length) : '';
    if (!['send.php', 'balance.php', 'timestamp.php'].includes(endpoint)) return { status: 404, body: 'Not Found' };
    if (request.method !== 'GET') return { status: 405, body: 'Method Not Allowed' };
    if (endpoint === 'timestamp.php' && emulator.timestampUnavailable) return { status: 503, body: 'Service Unavailable' };
    if (endpoint === 'timestamp.php') return { status: 200, headers: { 'content-type': 'text/plain' }, body: `${Math.floor(serverNow() / 1000)}\n` };
    const { query } = request;
    // Anything but xml answers JSON (the document names no default).
    const format: Format = query.get('return') === 'xml' ? 'xml' : 'json';
    const code = forced.shift();
    if (code) return refuse(format, code);
    const account = authenticate(query, endpoint === 'send.php' ? ['phone', 'text', 'sender'] : [], format);
    if (!('login' in account)) return account;
    if (endpoint === 'balance.php') return answer(format, { balance: account.balance.toFixed(4), currency: account.currency });
    return send(account, query, format);
  };

  const base = await startEmulator(
    {
      handle: route,
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1', 'content-type': 'text/plain' }, body: 'Too many requests' }),
    },
    { port: options.port },
  );

  const emulator: LightSmsEmulator = {
    ...base,
    faults: base.faults,
    baseUrl: `${base.url}${API_PATH}`,
    messages,
    accounts,
    clockSkewSeconds: options.clockSkewSeconds ?? 0,
    timestampUnavailable: false,
    failDelivery: (phone) => void failing.add(phone),
    refuseNext: (code, count = 1) => void forced.push(...Array<string>(count).fill(code)),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await base.close();
    },
  };
  return emulator;
}

/** The document's PHP, computed here on its own: ksort($params); md5(implode($params) . $apiKey). */
function expectedSignature(query: URLSearchParams, apiKey: string): string {
  const params = new Map([...query].filter(([name]) => name !== 'signature'));
  const implode = [...params.keys()].sort().map((name) => params.get(name)).join('');
  return createHash('md5').update(`${implode}${apiKey}`).digest('hex');
}

function senderError(account: LightSmsAccount, sender: string): '8' | '9' | undefined {
  if (!SENDER.test(sender) || account.pendingSenders?.includes(sender)) return '8';
  return account.senders.includes(sender) ? undefined : '9';
}

function answer(format: Format, body: AnswerBody): EmulatorResponse {
  if (format === 'json') return { status: 200, body };
  return { status: 200, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: toXml(body) };
}

/** Top-level fields as attributes of `<response>`, phone results as `<phone phone="…" … />`. */
function toXml(body: AnswerBody): string {
  const attributes = (fields: Record<string, string>) => Object.entries(fields).map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('');
  const scalars = Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const phones = Object.entries(body).filter((entry): entry is [string, Record<string, string>] => typeof entry[1] !== 'string');
  const declaration = '<?xml version="1.0" encoding="utf-8"?>\n';
  if (phones.length === 0) return `${declaration}<response${attributes(scalars)} />\n`;
  const lines = phones.map(([phone, fields]) => `<phone${attributes({ phone, ...fields })} />`);
  return `${declaration}<response${attributes(scalars)}>\n<phones>\n${lines.join('\n')}\n</phones>\n</response>\n`;
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** `YYYY-MM-DD HH:MM:SS` as the wall clock in `timeZone` shows it (Swedish dates are ISO-like). */
function wallClock(at: Date, timeZone: string): string {
  return at.toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
}

/** Milliseconds from `nowMs` until a sendingTime in `timeZone`, compared as wall-clock times; undefined when unreadable. */
function msUntil(sendingTime: string, timeZone: string, nowMs: number): number | undefined {
  const match = SENDING_TIME.exec(sendingTime);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wanted);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  const now = new Date(nowMs);
  return wanted - (Date.parse(`${wallClock(now, timeZone).replace(' ', 'T')}Z`) + now.getMilliseconds());
}
