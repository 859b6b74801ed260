// One logger for the server, the scripts and the evals. Human-readable on a terminal, JSON otherwise
// (so a log collector gets structured lines and a person at a terminal gets one readable line per event).
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  return pino({
    level,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } }
      : {}),
  });
}

/** A logger that drops everything (tests that assert on return values, not logs). */
export const silentLogger: Logger = pino({ level: 'silent' });
