/** Receives one line per attempt, retry and failure; every URL in it is already redacted. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
}

const consoleLogger: Logger = {
  debug(msg, fields) {
    console.error(`[clipkit] ${msg}`, ...(fields ? [fields] : []));
  },
};

/** The given logger, else a console logger when `CLIPKIT_LOG=debug`, else none. */
export function resolveLogger(logger: Logger | undefined): Logger | undefined {
  if (logger) return logger;
  const env = typeof process === "undefined" ? undefined : process.env?.CLIPKIT_LOG;
  return env === "debug" ? consoleLogger : undefined;
}
