/** Log levels from most to least verbose; `silent` turns logging off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Fields attached to a log record, written as JSON so logs stay machine-readable. */
export type LogFields = Record<string, unknown>;

/** A structured logger. Hub server code logs through this interface only. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every record. */
  child(fields: LogFields): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Where log lines go; tests pass an array-backed sink to inspect them. */
export type LogSink = (line: string) => void;

/** Creates a logger that writes one JSON object per line at or above `level`. */
export function createLogger(level: LogLevel, sink: LogSink = (line) => process.stderr.write(line + '\n'), base: LogFields = {}): Logger {
  const min = rank[level];
  const write = (lvl: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields): void => {
    if (rank[lvl] < min) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...base, ...fields }, errorReplacer));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }),
  };
}

// Error objects stringify to {} by default, which would hide the very thing a log is for.
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
