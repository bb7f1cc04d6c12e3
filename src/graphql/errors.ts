import { GraphQLError } from 'graphql';
import { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import type { Context } from '../context.js';

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined };

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="switchboard"' } } },
  });
}

function missingScopes(failure: AuthFailure): string[] {
  if (failure.kind === AuthScopeFailureType.AuthScope && failure.scope === 'scope') return [String(failure.parameter)];
  if (failure.kind === AuthScopeFailureType.AnyAuthScopes || failure.kind === AuthScopeFailureType.AllAuthScopes) {
    return failure.failures.flatMap(missingScopes);
  }
  return [];
}

/** A key without the scope a field needs: the error names the scope, so the fix is obvious. */
export function forbidden(context: Context, failure: AuthFailure): GraphQLError {
  if (!context.viewer) return unauthenticated('An API key is required: send it as `X-Api-Key: <key>` or `Authorization: Bearer <key>`.');
  const scopes = missingScopes(failure);
  const message = scopes.length
    ? `This API key lacks the ${scopes.map((s) => `"${s}"`).join(' or ')} scope this field needs.`
    : 'This API key is not allowed to read this field.';
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', requiredScopes: scopes } });
}

const pathOf = (issue: Issue) => (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part));

/** Malformed arguments (not business rules): a top-level error naming each argument and its rule. */
export function invalidArguments(issues: readonly Issue[]): GraphQLError {
  const details = issues.map((issue) => ({ argument: pathOf(issue).join('.'), message: issue.message }));
  const message = details.map((d) => (d.argument ? `${d.argument}: ${d.message}` : d.message)).join('; ');
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', arguments: details } });
}

/** What one operation may ask for: deep enough for every real query, far below what would hurt. */
export const QUERY_LIMITS = { complexity: 25_000, depth: 15, breadth: 400 };

const LIMIT_NAMES = { Complexity: 'complexity', Depth: 'depth', Breadth: 'breadth' } as const;

/** An operation over a limit is refused before anything runs; the error says which and by how much. */
export function queryTooComplex(kind: keyof typeof LIMIT_NAMES, result: { complexity: number; depth: number; breadth: number }): GraphQLError {
  const measure = LIMIT_NAMES[kind];
  const message = `This operation's ${measure} is ${result[measure]}; the limit is ${QUERY_LIMITS[measure]}. Ask for fewer items (first/last) or fields, or split it.`;
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', measure, value: result[measure], limit: QUERY_LIMITS[measure] } });
}
