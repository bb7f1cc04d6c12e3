import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { getOperationAST, GraphQLError } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import { isIntrospectionOnly, readApiKey } from './auth.js';
import type { Config } from './config.js';
import type { Context, Services } from './context.js';
import { authenticate } from './domain/api-keys/authenticate.js';
import type { Viewer } from './domain/viewer.js';
import { unauthenticated } from './graphql/errors.js';
import { schema } from './graphql/schema.js';

export const GRAPHQL_PATH = '/graphql';

const FIRST_QUERY = `# Welcome to Switchboard. Paste your API key into the Headers tab below:
#   { "X-Api-Key": "sb_..." }
# then run this query with the play button.
query Me {
  viewer {
    account { id name }
    apiKey { name prefix scopes status expiresAt }
  }
}
`;

/** Set by the WebSocket server once `connection_init` has been authenticated. */
export interface SocketContext {
  socketViewer: Viewer;
}

export function createYogaApp(services: Services, config: Config) {
  return createYoga<SocketContext | Record<string, never>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    cors: config.corsOrigins.length
      ? {
          origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
          // Keys travel in headers, never cookies: browsers need not send credentials.
          credentials: false,
          allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-graphql-yoga-csrf'],
        }
      : false,
    graphiql: {
      title: 'Switchboard GraphiQL',
      subscriptionsProtocol: 'WS',
      defaultQuery: FIRST_QUERY,
      headers: JSON.stringify({ 'X-Api-Key': '' }, null, 2),
    },
    renderGraphiQL,
    plugins: [
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'x-api-key', 'authorization'] }),
      // Compiled execution for queries and mutations (the benchmark's messages page is ~25% faster);
      // subscriptions stay on graphql-js, whose subscribe honours variables in every case.
      useGraphQlJit({}, { enableIf: (args) => getOperationAST(args.document, args.operationName)?.operation !== 'subscription' }),
    ],
    logging: {
      // Yoga logs several debug lines per request: build them only when they will be written.
      debug: (...args) => services.log.isLevelEnabled('debug') && services.log.debug(args.map(String).join(' ')),
      info: (...args) => services.log.info(args.map(String).join(' ')),
      warn: (...args) => services.log.warn(args.map(String).join(' ')),
      // Expected failures (a bad key, a bad argument) reach here too; real faults are logged with
      // their stack by maskError below, so these stay at debug.
      error: (...args) => services.log.isLevelEnabled('debug') && services.log.debug(args.map(String).join(' ')),
    },
    maskedErrors: {
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original && !(original instanceof GraphQLError)) services.log.error({ err: original }, 'unexpected error in a GraphQL operation');
        return maskError(error, message, isDev);
      },
    },
    context: async (initial): Promise<Context> => {
      if ('socketViewer' in initial) return { ...services, viewer: initial.socketViewer };
      const secret = readApiKey(initial.request.headers);
      if (!secret) {
        if (isIntrospectionOnly(initial.params.query, initial.params.operationName)) return { ...services, viewer: null };
        throw unauthenticated('An API key is required: send it as `X-Api-Key: <key>` or `Authorization: Bearer <key>`.');
      }
      const result = await authenticate(services.db, services.clock, secret, services.authCache);
      if (!result.ok) throw unauthenticated(result.message);
      return { ...services, viewer: result.viewer };
    },
  });
}

export type YogaApp = ReturnType<typeof createYogaApp>;
