import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createAccount } from '../../src/domain/accounts/create.js';
import { issueApiKey } from '../../src/domain/api-keys/create.js';
import type { Scope } from '../../src/domain/api-keys/scopes.js';
import { createLogger } from '../../src/logger.js';
import { createSwitchboardServer } from '../../src/server.js';
import { startServices, type ServiceOptions } from '../../src/services.js';
import { TestClock } from './clock.js';
import { createTestDatabase } from './database.js';

type Document<R, V> = TypedDocumentNode<R, V> | string;

export interface Response<R> {
  status: number;
  headers: Headers;
  body: ExecutionResult<R> & { errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }> };
}

/**
 * A real Switchboard server on a random local port, with its own database and a clock the
 * test can move. Everything goes through HTTP and WebSocket, as a client app would.
 */
export async function startTestServer(
  options: {
    socketRecheckMs?: number;
    env?: NodeJS.ProcessEnv;
    sandboxDeliveryDelayMs?: number;
    providerTimeoutMs?: number;
    dispatcher?: ServiceOptions['dispatcher'];
    polling?: ServiceOptions['polling'];
    breaker?: ServiceOptions['breaker'];
    packagesCacheMs?: number;
    /** Log at debug level into `logLines`, for tests that check what is (not) logged. */
    captureLogs?: boolean;
    redisUrl?: string;
    /** Another test server's database: a second instance of the same deployment (not closed here). */
    sharedDatabase?: Database;
  } = {},
) {
  const logLevel = options.captureLogs ? 'debug' : (process.env.TEST_LOG_LEVEL ?? 'silent');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: logLevel, LOG_FORMAT: 'json', ...options.env });
  const logLines: string[] = [];
  const log = createLogger(config, options.captureLogs ? { write: (line: string) => void logLines.push(line) } : undefined);
  const statements: string[] = [];
  let url = '';
  const database: Database = options.sharedDatabase ?? (await createTestDatabase((sql) => statements.push(sql)));
  const clock = new TestClock();
  const app = await startServices({
    database,
    clock,
    log,
    sandboxDeliveryDelayMs: options.sandboxDeliveryDelayMs ?? 100,
    publicUrl: () => url,
    credentialsKey: config.credentialsKey.key,
    providerTimeoutMs: options.providerTimeoutMs ?? 2_000,
    polling: options.polling ?? { afterMs: 60_000, intervalMs: 200 },
    breaker: options.breaker,
    packagesCacheMs: options.packagesCacheMs,
    redisUrl: options.redisUrl,
    dispatcher: { retryBaseMs: 50, retryMaxMs: 200, ...options.dispatcher },
  });
  const server = createSwitchboardServer({ config, database, services: app.services, socketRecheckMs: options.socketRecheckMs ?? 200 });
  const port = await server.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}`;
  let accounts = 0;
  const clients: Client[] = [];

  async function graphql<R, V>(
    document: Document<R, V>,
    variables?: V,
    init: { key?: string; headers?: Record<string, string> } = {},
  ): Promise<Response<R>> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(init.key ? { 'x-api-key': init.key } : {}), ...init.headers },
      body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Response<R>['body'] };
  }

  return {
    url,
    clock,
    logLines,
    /** Every SQL statement run so far; tests slice it around one request. */
    statements,
    database,
    graphql,
    /** An account with an admin key (every scope); `name` defaults to a unique one. */
    async createAccount(name = `Account ${++accounts} ${Math.random().toString(36).slice(2, 8)}`, defaultCountry?: string) {
      const result = await createAccount(database.db, clock, name, defaultCountry);
      if (!result.ok) throw new Error(result.errors[0]!.message);
      return { account: result.account, key: result.adminKey.secret, apiKey: result.adminKey.apiKey };
    },
    async createKey(accountId: string, scopes: Scope[], expiresInDays = 90) {
      const { secret, apiKey } = await issueApiKey(database.db, clock, { accountId, name: 'test key', scopes, expiresInDays });
      return { key: secret, apiKey };
    },
    /** A graphql-ws client; `closed` resolves with the close event when the server closes the socket. */
    ws(connectionParams: Record<string, unknown> | undefined) {
      let onClosed: (event: { code: number; reason: string }) => void = () => {};
      const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => {},
        on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
      });
      clients.push(client);
      return { client, closed };
    },
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
      await server.close();
      await app.stop();
      if (!options.sharedDatabase) await database.close();
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** Collects the next `count` results of a subscription. */
export function subscribe<R>(client: Client, query: string, variables?: Record<string, unknown>, extensions?: Record<string, unknown>) {
  const results: ExecutionResult<R>[] = [];
  let error: unknown;
  let waiters: Array<() => void> = [];
  const wake = () => {
    waiters.forEach((w) => w());
    waiters = [];
  };
  const dispose = client.subscribe<R>(
    { query, variables, extensions },
    {
      next: (value) => (results.push(value as ExecutionResult<R>), wake()),
      error: (e) => ((error = e), wake()),
      complete: wake,
    },
  );
  return {
    results,
    get error() {
      return error;
    },
    dispose,
    async waitFor(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count && !error) {
        if (Date.now() > deadline) throw new Error(`expected ${count} subscription results, got ${results.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return results;
    },
  };
}
