import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

export function createLogger(config: Pick<Config, 'log'>): Logger {
  return pino({
    level: config.log.level,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.apiKey', '*.secret'], censor: '[redacted]' },
    transport: config.log.format === 'pretty' ? { target: 'pino-pretty', options: { colorize: true } } : undefined,
  });
}
