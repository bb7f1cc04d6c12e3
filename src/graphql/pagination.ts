import { z } from 'zod';
import { encodeCursor, InvalidCursorError, type Cursor, type Page } from '../db/pagination.js';
import { invalidArguments } from './errors.js';

const pageSize = z.number().int().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').nullish();

/** Every connection takes `first` or `last` (1..100), never both: an unbounded list is never read. */
export const pageArgs = z
  // Loose: the validated args replace the field's args, and connections have their own (filter, orderBy).
  .looseObject({ first: pageSize, last: pageSize, after: z.string().nullish(), before: z.string().nullish() })
  .refine((args) => (args.first == null) !== (args.last == null), {
    message: 'give exactly one of `first` or `last` (1 to 100)',
    path: ['first'],
  });

/** Turns a keyset page into the connection shape, with `totalCount` computed only when asked for. */
export function toConnection<T>(page: Page<T> & { cursorOf: (row: T) => Cursor }, totalCount: () => Promise<number>) {
  const cursor = (node: T) => encodeCursor(page.cursorOf(node));
  return {
    // Cursors are encoded only for the edges whose cursor is selected.
    edges: page.nodes.map((node) => ({
      get cursor() {
        return cursor(node);
      },
      node,
    })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.nodes.length ? cursor(page.nodes[0]!) : null,
      endCursor: page.nodes.length ? cursor(page.nodes.at(-1)!) : null,
    },
    totalCount,
  };
}

/** Loads a page, turning a bad cursor into an argument error rather than a server fault. */
export async function loadPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw invalidArguments([{ message: error.message, path: [error.argument] }]);
    throw error;
  }
}

/** The `totalCount` field of a connection built by toConnection: the count runs only if selected. */
export const totalCountField = (description: string) => ({
  description,
  resolve: (connection: object) => (connection as { totalCount: () => Promise<number> }).totalCount(),
});
