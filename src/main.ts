import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { connect } from './db/client.js';
import { DataDirInUseError, lockDataDir } from './db/data-dir-lock.js';
import { migrate, MIGRATION_LOCK_ID } from './db/migrate.js';
import { bootstrapFirstAccount } from './domain/accounts/create.js';
import { createLogger } from './logger.js';
import { createSwitchboardServer } from './server.js';
import { startServices } from './services.js';

async function main() {
  const config = loadConfig();
  const log = createLogger(config);
  const unlock = config.database.kind === 'pglite' ? lockDataDir(config.database.dataDir) : () => {};
  const database = await connect(config.database);
  const clock = systemClock;

  const firstAccount = await database.withExclusiveLock(MIGRATION_LOCK_ID, async () => {
    await migrate(database);
    return bootstrapFirstAccount(database.db, clock);
  });
  if (firstAccount) {
    // Printed once, to the console only (never to the JSON log): the secret is not stored anywhere.
    process.stdout.write(
      `\nFirst start: created the account "${firstAccount.account.name}" and an admin API key.\n` +
        `API key: ${firstAccount.adminKey.secret}\n` +
        'It is shown only this once. Send it as the X-Api-Key header; `npm run cli -- key create --account <name>` makes another.\n\n',
    );
  }

  if (config.credentialsKey.development) log.warn('CREDENTIALS_KEY is not set: provider credentials are sealed with the public development key');
  const app = await startServices({
    database,
    clock,
    log,
    sandboxDeliveryDelayMs: config.sandboxDeliveryDelayMs,
    dispatcher: config.dispatch,
    publicUrl: () => config.publicUrl,
    credentialsKey: config.credentialsKey.key,
    providerTimeoutMs: config.providerTimeoutMs,
    polling: config.polling,
    packagesCacheMs: config.packagesCacheMs,
    breaker: config.breaker,
    redisUrl: config.redisUrl,
  });
  const server = createSwitchboardServer({ config, database, services: app.services });
  const port = await server.listen(config.port, config.host);
  const storage = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  log.info(`Switchboard listening on http://localhost:${port}/graphql (${storage})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: finishing in-flight requests, then stopping`);
    await server.close();
    await app.stop();
    await database.close();
    unlock();
    log.info('stopped');
    log.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error('Switchboard failed to start:', error);
  }
  process.exit(1);
});
