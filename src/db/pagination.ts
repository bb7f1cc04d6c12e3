import { and, asc, desc, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A position in a list ordered by a timestamp, ties broken by id. */
export interface Cursor {
  at: string;
  id: string;
}

export class InvalidCursorError extends Error {
  constructor(readonly argument: 'after' | 'before') {
    super(`"${argument}" is not a cursor returned by this connection`);
  }
}

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');

export function decodeCursor(value: string, argument: 'after' | 'before'): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/.test(id)) {
      return { at, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError(argument);
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface Keyset<T> {
  /** The ordering timestamp column and the id column that breaks its ties. */
  at: PgColumn;
  id: PgColumn;
  cursorOf: (row: T) => Cursor;
  descending?: boolean;
}

/** What `paginate` hands its fetch: the page's bounds as placeholders, and their values. */
export interface PageQuery {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: Placeholder;
  params: Record<string, unknown>;
  /** Names the statement's shape (direction, which bounds), so it can be prepared once per shape. */
  shape: string;
}

/**
 * Keyset pagination over (timestamp, id): every page is one index range scan, however deep.
 * `fetch` runs the query with the extra WHERE clause, the ORDER BY and a LIMIT one past the page
 * size, so the extra row tells whether more exist.
 */
export async function paginate<T>(args: PageArgs, keyset: Keyset<T>, fetch: (query: PageQuery) => Promise<T[]>): Promise<Page<T> & { cursorOf: (row: T) => Cursor }> {
  const after = args.after ? decodeCursor(args.after, 'after') : undefined;
  const before = args.before ? decodeCursor(args.before, 'before') : undefined;
  const row = sql`(${keyset.at}, ${keyset.id})`;
  const bound = (name: string) => sql`(${sql.placeholder(`${name}At`)}::timestamptz, ${sql.placeholder(`${name}Id`)}::uuid)`;
  const [past, short] = keyset.descending ? [sql`<`, sql`>`] : [sql`>`, sql`<`];
  const where = and(after && sql`${row} ${past} ${bound('after')}`, before && sql`${row} ${short} ${bound('before')}`);
  const backwards = args.first == null && args.last != null;
  const size = (backwards ? args.last : args.first) ?? 0;
  const order = backwards === Boolean(keyset.descending) ? asc : desc;
  const rows = await fetch({
    where,
    orderBy: [order(keyset.at), order(keyset.id)],
    limit: sql.placeholder('limit'),
    params: { limit: size + 1, afterAt: after?.at, afterId: after?.id, beforeAt: before?.at, beforeId: before?.id },
    shape: `${keyset.descending ? 'desc' : 'asc'}_${backwards ? 'last' : 'first'}${after ? '_after' : ''}${before ? '_before' : ''}`,
  });
  const more = rows.length > size;
  const nodes = rows.slice(0, size);
  if (backwards) nodes.reverse();
  return {
    nodes,
    hasNextPage: backwards ? Boolean(before) : more,
    hasPreviousPage: backwards ? more : Boolean(after),
    cursorOf: keyset.cursorOf,
  };
}
