import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Config } from '../config.js';
import * as schema from './schema.js';

/** One Drizzle type for both drivers, so domain code never knows which database it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Runs `fn` holding a cluster-wide lock (PostgreSQL advisory lock; PGlite has one connection). */
  withExclusiveLock<T>(lockId: number, fn: () => Promise<T>): Promise<T>;
  /** Tells every process listening on `channel` (PostgreSQL NOTIFY; PGlite has one process). */
  notify(channel: string): Promise<void>;
  /** Calls `onNotify` on each notification; resolves to a function that stops listening. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Called for every SQL statement Drizzle runs: tests count them to prove there is no N+1. */
export type QueryObserver = (sql: string) => void;

const logger = (onQuery?: QueryObserver) => (onQuery ? { logQuery: (query: string) => onQuery(query) } : undefined);

export function connectPostgres(url: string, poolMax = 10, onQuery?: QueryObserver): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, options: '-c timezone=UTC' });
  // An idle connection the server drops (restart, failover) must not crash the process: the pool
  // replaces it on the next query, which is where a real outage surfaces.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema, logger: logger(onQuery) }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async withExclusiveLock(lockId, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [lockId]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [lockId]);
        }
      } finally {
        client.release();
      }
    },
    async notify(channel) {
      await pool.query(`select pg_notify($1, '')`, [channel]);
    },
    async listen(channel, onNotify) {
      const client = await pool.connect();
      client.on('notification', (message) => message.channel === channel && onNotify());
      await client.query(`listen "${channel.replace(/"/g, '')}"`);
      return async () => {
        await client.query(`unlisten "${channel.replace(/"/g, '')}"`).catch(() => undefined);
        client.release();
      };
    },
    close: () => pool.end(),
  };
}

export async function openPglite(client: PGlite, onQuery?: QueryObserver): Promise<Database> {
  await client.exec(`set time zone 'UTC'`);
  const db = drizzlePglite(client, { schema, logger: logger(onQuery) }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    withExclusiveLock: (_lockId, fn) => fn(),
    notify: async () => {},
    listen: async () => async () => {},
    close: () => client.close(),
  };
}

export async function connect(config: Config['database']): Promise<Database> {
  if (config.kind === 'postgres') return connectPostgres(config.url, config.poolMax);
  mkdirSync(config.dataDir, { recursive: true });
  return openPglite(await PGlite.create({ dataDir: config.dataDir }));
}
