import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import { getNullableType, isListType, Kind, valueFromASTUntyped } from 'graphql';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Context } from '../context.js';
import type { Scope } from '../domain/api-keys/scopes.js';
import { hasScope } from '../domain/viewer.js';
import { toIsoTimestamp } from '../db/timestamps.js';
import { forbidden, invalidArguments, queryTooComplex, QUERY_LIMITS } from './errors.js';
import { pageArgs } from './pagination.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { authenticated: boolean; scope: Scope };
  Scalars: { DateTime: { Input: string; Output: string }; JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> } };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin, ValidationPlugin, ComplexityPlugin],
  complexity: {
    // A connection costs per item asked for (`first`/`last`); its edges and nodes are those
    // items, not another multiplication; any other list counts as ten.
    fieldComplexity: (args, _context, field) => {
      if (typeof args.first === 'number' || typeof args.last === 'number') return { field: 1, multiplier: Number(args.first ?? args.last) };
      if (field.name === 'edges' || field.name === 'nodes') return { field: 1, multiplier: 1 };
      return { field: 1, multiplier: isListType(getNullableType(field.type)) ? 10 : 1 };
    },
    limit: QUERY_LIMITS,
    complexityError: (kind, result) => queryTooComplex(kind, result),
  },
  scopeAuth: {
    // Check scopes when a subscription starts, not only when its first event arrives.
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      authenticated: context.viewer !== null,
      scope: (scope) => hasScope(context.viewer, scope),
    }),
    unauthorizedError: (_parent, context, _info, result) => forbidden(context, result.failure),
  },
  validation: {
    validationError: (failure) => invalidArguments(failure.issues),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { description: 'The items on this page, each with its cursor.' },
    nodesOnConnection: { description: 'The items on this page, without cursors: a shortcut for `edges { node }`.' },
    nodeFieldOptions: { description: 'The item at the end of this edge.', nullable: false },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque ID, fetchable with `node(id:)`.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null if it does not exist or belongs to another account.',
      args: { id: { description: 'The global ID of the object.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by their global IDs, in order; null for each one that does not exist or belongs to another account.',
      args: { ids: { description: 'The global IDs of the objects.' } },
    },
    idFieldOptions: { description: 'The globally unique, opaque ID of this object.' },
    pageInfoTypeOptions: { description: 'Where a page sits in its connection, and the cursors to fetch its neighbours.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page (pass `endCursor` as `after`).' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page (pass `startCursor` as `before`).' },
    startCursorFieldOptions: { description: 'The cursor of the first item on this page.' },
    endCursorFieldOptions: { description: 'The cursor of the last item on this page.' },
    cursorFieldOptions: { description: 'An opaque cursor for this edge, for `after` or `before`.' },
    pageInfoFieldOptions: { description: 'Information to fetch the next or previous page.' },
    firstArgOptions: { description: 'Returns the first N items (1 to 100). Give `first` or `last`.' },
    lastArgOptions: { description: 'Returns the last N items (1 to 100). Give `first` or `last`.' },
    afterArgOptions: { description: 'Returns items after this cursor.' },
    beforeArgOptions: { description: 'Returns items before this cursor.' },
    defaultConnectionFieldOptions: { validate: pageArgs },
  },
});

builder.scalarType('DateTime', {
  description: 'A point in time, as an ISO 8601 string in UTC with up to microsecond precision, e.g. `2026-11-23T05:22:46.123456Z`.',
  serialize: (value) => toIsoTimestamp(String(value)),
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
      throw new TypeError('DateTime must be an ISO 8601 string such as 2026-11-23T05:22:46Z');
    }
    return new Date(value).toISOString();
  },
});

builder.scalarType('JSONObject', {
  description: 'A JSON object, such as `{"apiKey": "…"}`; its fields are checked by the field that takes it.',
  serialize: (value) => value as Record<string, unknown>,
  parseValue: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('JSONObject must be a JSON object');
    return value as Record<string, unknown>;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.OBJECT) throw new TypeError('JSONObject must be a JSON object');
    return valueFromASTUntyped(ast) as Record<string, unknown>;
  },
});

builder.queryType({ description: 'The root of every read.' });
builder.mutationType({ description: 'The root of every change. Each mutation takes one `input` and returns a payload with `userErrors`.' });
builder.subscriptionType({ description: 'Live updates over WebSocket (graphql-transport-ws) or server-sent events.' });
