import { and, count, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { paginate, type PageArgs } from '../../db/pagination.js';
import { messages, type MessageRow } from '../../db/schema.js';
import type { MessageStatus } from './status.js';

export interface MessageFilter {
  status?: readonly MessageStatus[] | null;
  to?: string | null;
  bulkId?: string | null;
  providerId?: string | null;
  createdAfter?: string | null;
  createdBefore?: string | null;
  scheduled?: boolean | null;
}

export interface MessageOrder {
  field: 'CREATED_AT' | 'SCHEDULED_AT';
  direction: 'ASC' | 'DESC';
}

function conditions(accountId: string, filter: MessageFilter, order: MessageOrder): SQL | undefined {
  return and(
    eq(messages.accountId, accountId),
    filter.status?.length ? inArray(messages.status, [...filter.status]) : undefined,
    filter.to ? eq(messages.to, filter.to) : undefined,
    filter.bulkId ? eq(messages.bulkId, filter.bulkId) : undefined,
    filter.providerId ? eq(messages.connectionId, filter.providerId) : undefined,
    filter.createdAfter ? gte(messages.createdAt, filter.createdAfter) : undefined,
    filter.createdBefore ? lt(messages.createdAt, filter.createdBefore) : undefined,
    filter.scheduled === true || order.field === 'SCHEDULED_AT' ? isNotNull(messages.scheduledAt) : undefined,
    filter.scheduled === false ? isNull(messages.scheduledAt) : undefined,
  );
}

/** A page of the account's messages; ordered by scheduledAt, only scheduled messages are listed. */
export function listMessages(db: Db, accountId: string, filter: MessageFilter, order: MessageOrder, args: PageArgs) {
  const bySchedule = order.field === 'SCHEDULED_AT';
  const keyset = {
    at: bySchedule ? messages.scheduledAt : messages.createdAt,
    id: messages.id,
    descending: order.direction === 'DESC',
    cursorOf: (row: MessageRow) => ({ at: (bySchedule ? row.scheduledAt : row.createdAt)!, id: row.id }),
  };
  const unfiltered = Object.values(filter).every((value) => value == null) && !bySchedule;
  const where = unfiltered ? eq(messages.accountId, sql.placeholder('accountId')) : conditions(accountId, filter, order);
  return paginate(args, keyset, ({ where: page, orderBy, limit, params, shape }) => {
    const build = (name: string) => db.select().from(messages).where(and(where, page)).orderBy(...orderBy).limit(limit).prepare(name);
    // The unfiltered list, the one most clients page through, is built and prepared once per
    // shape; with filters the text varies, so it runs unnamed (an empty name is an unnamed statement).
    const query = unfiltered ? preparedPage(db, shape, () => build(`messages_page_${shape}`)) : build('');
    return query.execute({ ...params, accountId });
  });
}

interface PreparedPage {
  execute(params: Record<string, unknown>): Promise<MessageRow[]>;
}
const preparedPages = new WeakMap<Db, Map<string, PreparedPage>>();

function preparedPage(db: Db, shape: string, build: () => PreparedPage): PreparedPage {
  const byShape = preparedPages.get(db) ?? new Map<string, PreparedPage>();
  preparedPages.set(db, byShape);
  const query = byShape.get(shape) ?? build();
  byShape.set(shape, query);
  return query;
}

export async function countMessages(db: Db, accountId: string, filter: MessageFilter, order: MessageOrder): Promise<number> {
  const [row] = await db.select({ n: count() }).from(messages).where(conditions(accountId, filter, order));
  return row?.n ?? 0;
}
