import { and, asc, desc, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Cursor {
  createdAt: string;
  id: string;
}

export class InvalidCursorError extends Error {
  constructor(readonly argument: 'after' | 'before') {
    super(`"${argument}" is not a cursor returned by this connection`);
  }
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');

export function decodeCursor(value: string, argument: 'after' | 'before'): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(createdAt)) && /^[0-9a-f-]{36}$/.test(id)) {
      return { createdAt, id };
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

interface KeysetColumns {
  createdAt: PgColumn;
  id: PgColumn;
}

/**
 * Keyset pagination over (created_at, id), oldest first. `fetch` gets the extra WHERE clause,
 * the ORDER BY and a LIMIT one past the page size, so the extra row tells whether more exist.
 */
export async function paginate<T extends Cursor>(
  args: PageArgs,
  columns: KeysetColumns,
  fetch: (where: SQL | undefined, orderBy: SQL[], limit: number) => Promise<T[]>,
): Promise<Page<T>> {
  const after = args.after ? decodeCursor(args.after, 'after') : undefined;
  const before = args.before ? decodeCursor(args.before, 'before') : undefined;
  const row = sql`(${columns.createdAt}, ${columns.id})`;
  const bound = (cursor: Cursor) => sql`(${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
  const where = and(after && sql`${row} > ${bound(after)}`, before && sql`${row} < ${bound(before)}`);
  const backwards = args.first == null && args.last != null;
  const size = (backwards ? args.last : args.first) ?? 0;
  const order = backwards ? desc : asc;
  const rows = await fetch(where, [order(columns.createdAt), order(columns.id)], size + 1);
  const more = rows.length > size;
  const nodes = rows.slice(0, size);
  if (backwards) nodes.reverse();
  return {
    nodes,
    hasNextPage: backwards ? Boolean(before) : more,
    hasPreviousPage: backwards ? more : Boolean(after),
  };
}
