// One logger for the server, the scripts and the evals. Human-readable on a terminal, JSON otherwise
// (so a log collector gets structured lines and a person at a terminal gets one readable line per event).
import { pino, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** pretty-print (default: when the output is a terminal) */
  pretty?: boolean;
  /** 1 = stdout (server), 2 = stderr (scripts whose stdout is their result) */
  fd?: 1 | 2;
}

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const fd = options.fd ?? 1;
  const pretty = options.pretty ?? Boolean(fd === 1 ? process.stdout.isTTY : process.stderr.isTTY);
  if (pretty) {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        // one line per event: the message, then its fields as compact JSON on the same line
        options: { colorize: true, singleLine: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss', destination: fd },
      },
    });
  }
  return pino({ level }, pino.destination({ fd, sync: true }));
}

/** A logger that drops everything (tests that assert on return values, not logs). */
export const silentLogger: Logger = pino({ level: 'silent' });
