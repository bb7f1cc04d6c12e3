import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { Services } from './context.js';
import type { Database } from './db/client.js';
import { isMigrated } from './db/migrate.js';
import { handleWebhook, WEBHOOK_PREFIX } from './webhooks/route.js';
import { attachWebSocketServer } from './websocket.js';
import { createYogaApp, GRAPHQL_PATH } from './yoga.js';

export interface ServerOptions {
  config: Config;
  database: Database;
  services: Services;
  /** How often open WebSockets have their API key re-checked (expiry, rotation grace). */
  socketRecheckMs?: number;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/** node:http with GraphQL over HTTP and SSE (yoga), graphql-ws on the same path, and health checks. */
export function createSwitchboardServer({ config, database, services, socketRecheckMs = 2_000 }: ServerOptions) {
  const yoga = createYogaApp(services, config);
  let draining = false;

  const readiness = async (): Promise<{ ready: boolean; reason?: string }> => {
    if (draining) return { ready: false, reason: 'shutting down' };
    try {
      return (await isMigrated(database)) ? { ready: true } : { ready: false, reason: 'migrations pending' };
    } catch (error) {
      return { ready: false, reason: `database unreachable: ${(error as Error).message}` };
    }
  };

  const http = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const { ready, reason } = await readiness();
      return json(res, ready ? 200 : 503, ready ? { status: 'ready' } : { status: 'not ready', reason });
    }
    if (path?.startsWith(WEBHOOK_PREFIX)) {
      return handleWebhook(req, res, services).catch((error) => {
        services.log.error({ err: error }, 'webhook failed');
        if (!res.headersSent) json(res, 500, { error: 'internal error' });
      });
    }
    if (path === '/' && req.method === 'GET') {
      res.writeHead(302, { location: GRAPHQL_PATH }).end();
      return;
    }
    return yoga.handle(req, res);
  });
  const sockets = attachWebSocketServer(http, yoga, services, socketRecheckMs);

  return {
    http,
    async listen(port: number, host: string): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve());
      });
      return (http.address() as AddressInfo).port;
    },
    /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), closes sockets. */
    async close(): Promise<void> {
      draining = true;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      await sockets.close();
      http.closeIdleConnections();
      const timeout = setTimeout(() => http.closeAllConnections(), config.shutdownTimeoutMs);
      await closed;
      clearTimeout(timeout);
      await yoga.dispose();
    },
  };
}

export type SwitchboardServer = ReturnType<typeof createSwitchboardServer>;
