import { parseArgs } from 'node:util';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { connect, type Database } from './db/client.js';
import { DataDirInUseError, lockDataDir } from './db/data-dir-lock.js';
import { migrate, MIGRATION_LOCK_ID } from './db/migrate.js';
import { toIsoTimestamp } from './db/timestamps.js';
import { createAccount, findAccountByIdOrName, issueAdminKey } from './domain/accounts/create.js';

const USAGE = `Usage:
  npm run cli -- account create --name <name>       create an account and print its admin API key
     [--country <ISO code, e.g. RO>]                 to read national numbers such as 0712 345 678
  npm run cli -- key create --account <id or name>  print a new admin API key for an account
     [--name <key name>]

Uses the same DATABASE_URL / DATA_DIR as the server.`;

class UsageError extends Error {}

async function run(argv: string[], database: Database): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, account: { type: 'string' }, country: { type: 'string' } },
  });
  const command = positionals.join(' ');
  if (command === 'account create') {
    if (!values.name) throw new UsageError('account create needs --name <name>');
    const result = await createAccount(database.db, systemClock, values.name, values.country);
    if (!result.ok) throw new UsageError(`--${result.errors[0]!.field[0]} ${result.errors[0]!.message}`);
    console.log(`Created account "${result.account.name}" (id ${result.account.id}).`);
    console.log(`API key: ${result.adminKey.secret}`);
    return;
  }
  if (command === 'key create') {
    if (!values.account) throw new UsageError('key create needs --account <id or name>');
    const account = await findAccountByIdOrName(database.db, values.account);
    if (!account) throw new UsageError(`no account has the id or name "${values.account}"`);
    const key = await issueAdminKey(database.db, systemClock, account.id, values.name ?? 'Admin key (CLI)');
    console.log(`Created an admin key for account "${account.name}" (id ${account.id}), expiring ${toIsoTimestamp(key.apiKey.expiresAt)}.`);
    console.log(`API key: ${key.secret}`);
    return;
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
}

async function main() {
  const config = loadConfig();
  const unlock = config.database.kind === 'pglite' ? lockDataDir(config.database.dataDir) : () => {};
  const database = await connect(config.database);
  try {
    await database.withExclusiveLock(MIGRATION_LOCK_ID, () => migrate(database));
    await run(process.argv.slice(2), database);
  } finally {
    await database.close();
    unlock();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof ConfigError || error instanceof DataDirInUseError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
