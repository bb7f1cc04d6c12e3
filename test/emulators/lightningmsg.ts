import { randomBytes } from 'node:crypto';
import { startEmulator, type CallbackPolicy, type CallbackRequest, type EmulatorResponse, type RecordedRequest, type RunningEmulator } from './base.js';

/**
 * LightningMSG as its document describes it. What the document leaves out is chosen here, the
 * same way the adapter (src/providers/lightningmsg) chose it:
 * - every endpoint is a POST under `/api/v1/sms_services/sms/`, read as a PHP form
 *   (`messages[0][mobile]=…` for send_multiple); a JSON body carries no parameters (PHP's $_POST);
 * - HTTP statuses of errors: 400 for 0001/0050/0200/0300/4007/4008/4009, 401 for 4001/4002/4003,
 *   404 for 0100, 402 for 4004/4005; a path outside the `sms` module, or an unknown action, is 0050;
 * - numbers: `+` and 8–15 digits (4007); a message: at most 1600 characters (4008); `send_date`:
 *   `YYYY-MM-DD HH:MM:SS` in the account's time zone (default UTC), in the future (4009);
 * - each message uses one SMS of the first unexpired package with room: none left is 4004, a
 *   send_multiple needing more than all packages have left is 4005; one bad message refuses the
 *   whole send_multiple and nothing is sent;
 * - a message not sent yet (queued or scheduled) can be cancelled; a sent or cancelled one is 0200;
 * - `get_sent_messages` lists every message of the account, newest first;
 * - LightningMSG reports no delivery: a number made to fail delivery just stays `pending`.
 */
export interface LightningMsgPackage {
  name: string;
  totalSms: number;
  usedSms: number;
  /** `YYYY-MM-DD HH:MM:SS` in the account's time zone; an expired package is neither listed nor used. */
  expireDate: string;
  ownMobile?: boolean;
}

export interface LightningMsgAccount {
  apiKey: string;
  secretCode: string;
  /** The dashboard's webhook URL; none: no webhooks. */
  webhookUrl?: string;
  /** The dashboard's custom webhook headers, sent with every webhook. */
  webhookHeaders?: Record<string, string>;
  packages: LightningMsgPackage[];
  /** The zone of `send_date` and `expire_date` (default UTC). */
  timeZone?: string;
}

export interface LightningMsgEmulatorOptions {
  port?: number;
  accounts: LightningMsgAccount[];
  /** From acceptance to "sent" for a message without send_date. Default 2000. */
  deliveryDelayMs?: number;
  /** Between webhook attempts (documented: 5 s). */
  callbackIntervalMs?: number;
  /** Attempts per webhook (documented: 4). */
  callbackAttempts?: number;
}

export type LightningMsgStatus = 'pending' | 'sent' | 'cancelled';

export interface LightningMsgStoredMessage {
  id: string;
  apiKey: string;
  mobile: string;
  message: string;
  sendDate: string | null;
  status: LightningMsgStatus;
}

export interface LightningMsgEmulator extends RunningEmulator {
  /** The API's base URL at this emulator (what a connection's baseUrl is set to). */
  baseUrl: string;
  messages: LightningMsgStoredMessage[];
  accounts: LightningMsgAccount[];
  /** Messages to this number (with `+`) are never sent: they stay `pending` and no webhook goes out. */
  failDelivery(mobile: string): void;
  /** The next `count` API calls (after routing) answer this documented error code, e.g. 0300 or 4002. */
  refuseNext(code: string, count?: number): void;
}

const API_PATH = '/api/v1/sms_services/sms/';
const MOBILE = /^\+\d{8,15}$/;
const SEND_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const MAX_MESSAGE_LENGTH = 1600;
const MAX_LIST_LIMIT = 100;

const ERRORS: Record<string, { http: number; message: string }> = {
  '0001': { http: 400, message: 'Wrong parameters, please check your settings' },
  '0050': { http: 400, message: 'Wrong module' },
  '0100': { http: 404, message: 'Item not found' },
  '0200': { http: 400, message: 'Item validation failed' },
  '0300': { http: 400, message: 'Device not found' },
  '4001': { http: 401, message: 'Wrong secret code' },
  '4002': { http: 401, message: 'Incorrect code' },
  '4003': { http: 401, message: 'Invalid API key' },
  '4004': { http: 402, message: 'No valid packages' },
  '4005': { http: 402, message: 'No valid package for this request' },
  '4007': { http: 400, message: 'Invalid mobile number' },
  '4008': { http: 400, message: 'Message too long' },
  '4009': { http: 400, message: 'Invalid schedule date' },
};

const refuse = (code: string, detail?: string): EmulatorResponse => {
  const known = ERRORS[code] ?? { http: 400, message: 'Error' };
  return { status: known.http, body: { status: code, message: detail ? `${known.message}: ${detail}` : known.message } };
};
const success = (fields: object = {}): EmulatorResponse => ({ status: 200, body: { status: 'success', message: '', ...fields } });

interface Caller {
  account: LightningMsgAccount;
  params: URLSearchParams;
}

interface Draft {
  mobile: string;
  message: string;
  sendDate: string | null;
  /** Milliseconds until it goes out. */
  dueInMs: number;
}

export async function startLightningMsgEmulator(options: LightningMsgEmulatorOptions): Promise<LightningMsgEmulator> {
  const deliveryDelayMs = options.deliveryDelayMs ?? 2000;
  const policy: CallbackPolicy = { attempts: options.callbackAttempts ?? 4, intervalMs: options.callbackIntervalMs ?? 5000, succeeded: (status) => status === 200 };
  const { accounts } = options;
  const messages: LightningMsgStoredMessage[] = [];
  const failing = new Set<string>();
  const forced: string[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => (timers.delete(timer), fn()), Math.max(0, ms));
    timers.add(timer);
  };

  const webhooks = (account: LightningMsgAccount, changed: LightningMsgStoredMessage[]) => {
    if (!account.webhookUrl || changed.length === 0) return;
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const calls: CallbackRequest[] = changed.map((message) => ({
      url: account.webhookUrl!,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...account.webhookHeaders },
      body: JSON.stringify({ sms_id: message.id, status: message.status, timestamp }),
    }));
    emulator.deliverCallbacks(calls, policy);
  };

  /** Messages of one request due at the same time go out together, their webhooks in one run. */
  const scheduleSending = (account: LightningMsgAccount, stored: Array<{ message: LightningMsgStoredMessage; dueInMs: number }>) => {
    const byDate = new Map<string | null, typeof stored>();
    for (const entry of stored) byDate.set(entry.message.sendDate, [...(byDate.get(entry.message.sendDate) ?? []), entry]);
    for (const entries of byDate.values()) {
      later(entries[0]!.dueInMs, () => {
        const due = entries.map((entry) => entry.message).filter((message) => message.status === 'pending' && !failing.has(message.mobile));
        for (const message of due) message.status = 'sent';
        webhooks(account, due);
      });
    }
  };

  /** One message's fields checked (`where` names it in a send_multiple's refusal). */
  const checkDraft = (account: LightningMsgAccount, fields: Partial<Record<string, string | null>>, where = ''): Draft | EmulatorResponse => {
    const { mobile, message } = fields;
    if (!mobile || !message) return refuse('0001', `${where}mobile and message are required`);
    if (!MOBILE.test(mobile)) return refuse('4007', `${where}"${mobile}" is not in international format (e.g. +40123456789)`);
    if ([...message].length > MAX_MESSAGE_LENGTH) return refuse('4008', `${where}at most ${MAX_MESSAGE_LENGTH} characters`);
    const sendDate = fields.send_date || null;
    if (sendDate === null) return { mobile, message, sendDate, dueInMs: deliveryDelayMs };
    const dueInMs = msUntil(sendDate, account.timeZone ?? 'UTC');
    if (dueInMs === undefined || dueInMs <= 0) return refuse('4009', `${where}send_date must be YYYY-MM-DD HH:MM:SS and later than ${wallClock(new Date(), account.timeZone ?? 'UTC')}`);
    return { mobile, message, sendDate, dueInMs };
  };

  /** Takes one SMS per draft from the first valid package with room; a refusal when there is not enough. */
  const charge = (account: LightningMsgAccount, count: number): LightningMsgPackage[] | EmulatorResponse => {
    const valid = account.packages.filter((entry) => isActive(entry, account) && entry.usedSms < entry.totalSms);
    if (emulator.faults.outOfCredits || valid.length === 0) return refuse('4004');
    const room = valid.reduce((sum, entry) => sum + entry.totalSms - entry.usedSms, 0);
    if (room < count) return refuse('4005', `${count} SMS needed, ${room} left`);
    return Array.from({ length: count }, () => {
      const entry = valid.find((candidate) => candidate.usedSms < candidate.totalSms)!;
      entry.usedSms += 1;
      return entry;
    });
  };

  const store = (account: LightningMsgAccount, drafts: Draft[]) => {
    const stored = drafts.map((draft) => {
      const message: LightningMsgStoredMessage = { id: randomBytes(15).toString('hex'), apiKey: account.apiKey, mobile: draft.mobile, message: draft.message, sendDate: draft.sendDate, status: 'pending' };
      messages.push(message);
      return { message, dueInMs: draft.dueInMs };
    });
    scheduleSending(account, stored);
    return stored.map(({ message }) => ({ mobile: message.mobile, sms_id: message.id, status: 'queued' }));
  };

  const send = ({ account, params }: Caller): EmulatorResponse => {
    const draft = checkDraft(account, { mobile: params.get('mobile'), message: params.get('message'), send_date: params.get('send_date') });
    if (!('dueInMs' in draft)) return draft;
    const charged = charge(account, 1);
    if (!Array.isArray(charged)) return charged;
    const used = charged[0]!;
    const [sent] = store(account, [draft]);
    return success({ sms_data: sent, total_sms: String(used.totalSms), used_sms: String(used.usedSms), is_own_mobile: used.ownMobile ? '1' : '0' });
  };

  const sendMultiple = ({ account, params }: Caller): EmulatorResponse => {
    const items = phpArray(params, 'messages');
    if (items.length === 0) return refuse('0001', 'messages is required');
    const drafts: Draft[] = [];
    for (const [index, item] of items.entries()) {
      const draft = checkDraft(account, item, `messages[${index}]: `);
      if (!('dueInMs' in draft)) return draft;
      drafts.push(draft);
    }
    const charged = charge(account, drafts.length);
    if (!Array.isArray(charged)) return charged;
    return success({ messages: store(account, drafts) });
  };

  const ownMessage = ({ account }: Caller, id: string) => messages.find((message) => message.id === id && message.apiKey === account.apiKey);

  const getStatus = (caller: Caller, id: string): EmulatorResponse => {
    const message = ownMessage(caller, id);
    return message ? success({ sms_data: listed(message) }) : refuse('0100');
  };

  const cancel = (caller: Caller, id: string): EmulatorResponse => {
    const message = ownMessage(caller, id);
    if (!message) return refuse('0100');
    if (message.status !== 'pending') return refuse('0200', `the message is already ${message.status}`);
    message.status = 'cancelled';
    webhooks(caller.account, [message]);
    return success();
  };

  const getSentMessages = ({ account, params }: Caller): EmulatorResponse => {
    const from = Number(params.get('limit_from') || 0);
    const limit = Number(params.get('limit') || MAX_LIST_LIMIT);
    if (!Number.isInteger(from) || from < 0 || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      return refuse('0001', `limit_from must be 0 or more, limit 1 to ${MAX_LIST_LIMIT}`);
    }
    const own = messages.filter((message) => message.apiKey === account.apiKey).reverse();
    return success({ messages: own.slice(from, from + limit).map(listed), nr_messages: own.length });
  };

  const getPackages = ({ account }: Caller): EmulatorResponse =>
    success({
      packages: account.packages
        .filter((entry) => isActive(entry, account))
        .map((entry) => ({ name: entry.name, total_sms: String(entry.totalSms), used_sms: String(entry.usedSms), expire_date: entry.expireDate, is_own_mobile: entry.ownMobile ? '1' : '0' })),
    });

  const authenticate = (request: RecordedRequest): Caller | EmulatorResponse => {
    const account = accounts.find((candidate) => candidate.apiKey === request.headers['x-api-key']);
    if (!account || emulator.faults.rejectCredentials) return refuse('4003');
    const params = formParams(request);
    const secretCode = params.get('secret_code');
    if (!secretCode) return refuse('0001', 'secret_code is required');
    if (secretCode !== account.secretCode) return refuse('4001');
    return { account, params };
  };

  const route = (request: RecordedRequest): EmulatorResponse => {
    if (!request.path.startsWith(API_PATH)) return refuse('0050');
    const [action = '', id, ...rest] = request.path.slice(API_PATH.length).split('/').map(decodeURIComponent);
    const byId: Record<string, (caller: Caller, id: string) => EmulatorResponse> = { get_status: getStatus, cancel };
    const plain: Record<string, (caller: Caller) => EmulatorResponse> = { send, send_multiple: sendMultiple, get_sent_messages: getSentMessages, get_packages: getPackages };
    const known = rest.length === 0 && (id ? Object.hasOwn(byId, action) : Object.hasOwn(plain, action));
    if (!known) return refuse('0050', `no action "${request.path.slice(API_PATH.length)}"`);
    const code = forced.shift();
    if (code) return refuse(code);
    if (request.method !== 'POST') return refuse('0001', 'use POST');
    const caller = authenticate(request);
    if (!('account' in caller)) return caller;
    return id ? byId[action]!(caller, id) : plain[action]!(caller);
  };

  const base = await startEmulator(
    {
      handle: route,
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' }, body: { status: 'error', message: 'Too many requests' } }),
      setWebhookUrl: (url) => accounts.forEach((account) => (account.webhookUrl = url)),
    },
    { port: options.port },
  );

  const emulator: LightningMsgEmulator = {
    ...base,
    faults: base.faults,
    baseUrl: `${base.url}${API_PATH}`,
    messages,
    accounts,
    failDelivery: (mobile) => void failing.add(mobile),
    refuseNext: (code, count = 1) => void forced.push(...Array<string>(count).fill(code)),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await base.close();
    },
  };
  return emulator;
}

const listed = (message: LightningMsgStoredMessage) => ({ id: message.id, message: message.message, mobile: message.mobile, status: message.status, is_sent: message.status === 'sent' ? '1' : '0' });

/** PHP's $_POST: only a form body has parameters. */
function formParams(request: RecordedRequest): URLSearchParams {
  const type = request.headers['content-type'] ?? '';
  return type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.body) : new URLSearchParams();
}

/** `name[0][field]=…` read the way PHP reads it into an array of objects, by index order. */
function phpArray(params: URLSearchParams, name: string): Array<Record<string, string>> {
  const pattern = new RegExp(`^${name}\\[(\\d+)\\]\\[(\\w+)\\]$`);
  const items = new Map<number, Record<string, string>>();
  for (const [key, value] of params) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    items.set(index, { ...items.get(index), [match[2]!]: value });
  }
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}

function isActive(entry: LightningMsgPackage, account: LightningMsgAccount): boolean {
  return entry.expireDate > wallClock(new Date(), account.timeZone ?? 'UTC');
}

/** `YYYY-MM-DD HH:MM:SS` as the wall clock in `timeZone` shows it (Swedish dates are ISO-like). */
function wallClock(at: Date, timeZone: string): string {
  return at.toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
}

/** Milliseconds from now until a send_date in `timeZone`, compared as wall-clock times; undefined when unreadable. */
function msUntil(sendDate: string, timeZone: string): number | undefined {
  const match = SEND_DATE.exec(sendDate);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const wanted = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wanted);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  const now = new Date();
  return wanted - (Date.parse(`${wallClock(now, timeZone).replace(' ', 'T')}Z`) + now.getMilliseconds());
}
