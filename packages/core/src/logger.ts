/** Receives one line per attempt, retry and failure; every URL in it is already redacted. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
}

const consoleLogger: Logger = {
  debug(msg, fields) {
    console.error(`[clipkit] ${msg}`, ...(fields ? [fields] : []));
  },
};

/**
 * The given logger, else a console logger when `CLIPKIT_LOG=debug`, else none. `env` is Node's
 * `process.env` where there is one (browsers and workers have none).
 */
export function resolveLogger(
  logger: Logger | undefined,
  env: Record<string, string | undefined> | undefined = globalThis.process?.env,
): Logger | undefined {
  if (logger) return logger;
  return env?.CLIPKIT_LOG === "debug" ? consoleLogger : undefined;
}
