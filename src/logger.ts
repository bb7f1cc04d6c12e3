import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** `destination` is for tests that read what was logged. */
export function createLogger(config: Pick<Config, 'log'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.log.level,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.apiKey', '*.secret'], censor: '[redacted]' },
    transport: config.log.format === 'pretty' && !destination ? { target: 'pino-pretty', options: { colorize: true } } : undefined,
  };
  return destination ? pino(options, destination) : pino(options);
}
