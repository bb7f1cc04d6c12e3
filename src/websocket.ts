import type { Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { readConnectionApiKey } from './auth.js';
import type { Services } from './context.js';
import { authenticate } from './domain/api-keys/authenticate.js';
import { findUnusableApiKeyIds } from './domain/api-keys/store.js';
import type { Viewer } from './domain/viewer.js';
import { GRAPHQL_PATH, type YogaApp } from './yoga.js';

type Extra = { viewer?: Viewer };

/** 4403 is graphql-ws's Forbidden: clients treat it as "do not reconnect with these credentials". */
const closeForbidden = (socket: WebSocket, reason: string) => socket.close(CloseCode.Forbidden, reason);

/**
 * graphql-ws (graphql-transport-ws) on the HTTP server's port and path. Sockets are tracked by
 * the API key that opened them: a revocation closes them at once, and a periodic check closes
 * those whose key expired or whose rotation grace period ended.
 */
export function attachWebSocketServer(server: Server, yoga: YogaApp, services: Services, recheckMs: number, anonymousGraceMs = 10_000) {
  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH });
  const socketsByKey = new Map<string, Set<WebSocket>>();

  const track = (keyId: string, socket: WebSocket) => {
    const sockets = socketsByKey.get(keyId) ?? new Set();
    socketsByKey.set(keyId, sockets.add(socket));
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) socketsByKey.delete(keyId);
    });
  };

  const closeSocketsOf = (keyId: string, reason: string) => {
    for (const socket of socketsByKey.get(keyId) ?? []) closeForbidden(socket, reason);
  };

  const authenticateSocket = async (extra: Extra & { socket: WebSocket }, secret: string | undefined) => {
    const result = secret ? await authenticate(services.db, services.clock, secret) : undefined;
    if (!result?.ok) return false;
    extra.viewer = result.viewer;
    track(result.viewer.apiKeyId, extra.socket);
    return true;
  };

  useServer<Record<string, unknown> | undefined, Extra>(
    {
      onConnect: async (ctx) => {
        const secret = readConnectionApiKey(ctx.connectionParams);
        if (secret) return authenticateSocket(ctx.extra, secret);
        // GraphiQL sends its Headers tab with each operation, not in connection_init: a socket
        // without a key may connect, but its first operation must carry one, and it is closed
        // with 4403 if it has none by then or sends none in time.
        setTimeout(() => ctx.extra.viewer || closeForbidden(ctx.extra.socket, 'API key required'), anonymousGraceMs).unref();
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        if (!ctx.extra.viewer) {
          const headers = payload.extensions?.headers as Record<string, unknown> | undefined;
          if (!(await authenticateSocket(ctx.extra, readConnectionApiKey(headers)))) {
            closeForbidden(ctx.extra.socket, 'API key required');
            return [new GraphQLError('An API key is required in connection_init: { "apiKey": "<key>" }', { extensions: { code: 'UNAUTHENTICATED' } })];
          }
        }
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          socketViewer: ctx.extra.viewer!,
        });
        const args = {
          schema,
          operationName: payload.operationName,
          document: parse(payload.query),
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
      execute: (args) => (args.rootValue as { execute: (a: unknown) => never }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: (a: unknown) => never }).subscribe(args),
    },
    wss,
  );

  const revocations = services.pubsub.subscribe('apiKeyRevoked');
  void (async () => {
    for await (const { apiKeyId } of revocations) closeSocketsOf(apiKeyId, 'API key revoked');
  })();

  const recheck = setInterval(async () => {
    try {
      const unusable = await findUnusableApiKeyIds(services.db, [...socketsByKey.keys()], services.clock.now());
      for (const keyId of unusable) closeSocketsOf(keyId, 'API key revoked or expired');
    } catch (error) {
      services.log.warn({ err: error }, 'could not re-check the API keys of open WebSockets');
    }
  }, recheckMs);
  recheck.unref();

  return {
    /** Closes every socket (1001 Going Away) and stops accepting new ones. */
    async close(): Promise<void> {
      clearInterval(recheck);
      await revocations.return?.();
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
