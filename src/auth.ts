import { Kind, parse, type DocumentNode } from 'graphql';

/** The API key of an HTTP request: `X-Api-Key: <key>` or `Authorization: Bearer <key>`. */
export function readApiKey(headers: Headers): string | undefined {
  const direct = headers.get('x-api-key')?.trim();
  if (direct) return direct;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return bearer?.[1];
}

/**
 * The API key of a graphql-ws connection, from its `connection_init` payload. `apiKey` is the
 * documented field; header-style names are accepted too, as clients such as GraphiQL send those.
 */
export function readConnectionApiKey(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  const nested = typeof params.headers === 'object' && params.headers !== null ? (params.headers as Record<string, unknown>) : {};
  const headers = new Headers();
  for (const [name, value] of Object.entries({ ...nested, ...params })) {
    if (typeof value === 'string' && /^(x-api-key|authorization)$/i.test(name)) headers.set(name, value);
  }
  if (typeof params.apiKey === 'string') return params.apiKey.trim();
  return readApiKey(headers);
}

/**
 * Whether the operation only asks about the schema (`__schema`, `__type`, `__typename`).
 * Those run without a key so GraphiQL can show the documentation before one is pasted;
 * the schema is public (schema.graphql ships in the repository).
 */
export function isIntrospectionOnly(query: string | undefined, operationName?: string | null): boolean {
  if (!query) return false;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation || operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}
