import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../context.js';
import { isUuid } from '../db/ids.js';
import type { StatusChange } from '../domain/messages/apply-status.js';
import { findConnectionById } from '../domain/providers/store.js';
import { isProviderKind, providerDefinition } from '../providers/registry.js';
import { ingestReport } from './ingest.js';
import { markReceiptApplied, recordReceipt } from './receipts.js';

export const WEBHOOK_PREFIX = '/webhooks/';
const MAX_BODY_BYTES = 64 * 1024;

const reply = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
};

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `/webhooks/<kind>/<connectionId>`: find the connection, let its adapter verify and read the
 * call, store the receipt once (a retry or replay changes nothing), apply each report forward
 * only, publish, answer 200. Refusals answer 401/404 and touch nothing; a call naming no known
 * message answers 409 and keeps nothing, so the provider calls again. The URL is never logged
 * whole: BrandSMS puts its key in the query string.
 */
export async function handleWebhook(req: IncomingMessage, res: ServerResponse, services: Services): Promise<void> {
  const { db, log } = services;
  const url = new URL(req.url ?? '/', 'http://webhook');
  const [kindSlug, connectionId, ...rest] = url.pathname.slice(WEBHOOK_PREFIX.length).split('/');
  const kind = (kindSlug ?? '').toUpperCase();
  if (!connectionId || rest.length > 0 || !isUuid(connectionId) || !isProviderKind(kind) || kind === 'SANDBOX') return reply(res, 404, 'unknown webhook');
  const connection = await findConnectionById(db, connectionId);
  if (!connection || connection.kind !== kind || connection.disconnectedAt) return reply(res, 404, 'unknown webhook');
  const method = req.method ?? 'GET';
  const expected = providerDefinition(kind).webhookMethod;
  if (method !== expected) {
    res.setHeader('allow', expected);
    return reply(res, 405, `use ${expected}`);
  }
  const rawBody = await readBody(req);
  if (!rawBody) return reply(res, 413, 'body too large');

  const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
  const parsed = services.providers.adapterFor(connection).parseWebhook({ method, headers, query: url.searchParams, rawBody });
  if (!parsed.ok) {
    log.warn({ connectionId, kind, reason: parsed.reason, detail: parsed.message }, 'webhook refused');
    return reply(res, parsed.reason === 'UNAUTHORIZED' ? 401 : 400, parsed.reason === 'UNAUTHORIZED' ? 'unauthorized' : parsed.message);
  }

  const outcome = await db
    .transaction(async (tx): Promise<StatusChange[] | null> => {
      const receiptId = await recordReceipt(tx, { connectionId, dedupKey: parsed.dedupKey, method, query: url.searchParams, body: rawBody.toString('utf8') });
      if (!receiptId) return null;
      const applied: StatusChange[] = [];
      let found = 0;
      for (const report of parsed.reports) {
        const result = await ingestReport(tx, connectionId, report);
        if (result.found) found += 1;
        if (result.change) applied.push(result.change);
      }
      if (parsed.reports.length > 0 && found === 0) throw new UnknownMessages();
      await markReceiptApplied(tx, receiptId, applied.length);
      return applied;
    })
    .catch((error: unknown) => {
      if (error instanceof UnknownMessages) return error;
      throw error;
    });
  if (outcome instanceof UnknownMessages) {
    // A report can beat the hand-over's own record (the provider answered, we have not written
    // its ID yet). Nothing is kept, and the answer asks the provider to call again.
    log.info({ connectionId, kind }, 'webhook names no message of this connection (yet): asking for a retry');
    return reply(res, 409, 'unknown message: retry later');
  }
  if (outcome) services.messages.changed(outcome);
  log.debug({ connectionId, kind, duplicate: outcome === null, applied: outcome?.length ?? 0 }, 'webhook received');
  reply(res, 200, 'OK');
}

class UnknownMessages extends Error {}
