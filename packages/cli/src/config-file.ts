import { readFile, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { UsageError } from "./errors.js";

/** What a config file may hold (JSON); environment variables take precedence over it. */
export interface ConfigFile {
  zoom?: {
    accountId?: string;
    clientId?: string;
    clientSecret?: string;
    token?: string;
    baseUrl?: string;
    tokenUrl?: string;
    /** The webhook app's secret token (`watch`); several, comma-separated, during a rotation. */
    webhookSecretToken?: string;
  };
  uplynk?: { owner?: string; apiKey?: string };
}

/** `$CLIPKIT_CONFIG`, else `$XDG_CONFIG_HOME/clipkit/config.json` (`~/.config/…`). */
export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  if (env.CLIPKIT_CONFIG) return env.CLIPKIT_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "clipkit", "config.json");
}

/**
 * Reads the config file. One that group or others may read is refused: it holds secrets.
 * (Windows has no such mode bits; there the file's ACL is the user's business.) A missing
 * file is fine unless it was named explicitly.
 */
export async function readConfigFile(
  path: string,
  explicit: boolean,
  platform: NodeJS.Platform = process.platform,
): Promise<ConfigFile> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    if (explicit) throw new UsageError(`config file ${path} not found`);
    return {};
  }
  if (platform !== "win32" && (info.mode & 0o077) !== 0) {
    throw new UsageError(
      `config file ${path} is readable by others (mode ${(info.mode & 0o777).toString(8)}); run: chmod 600 ${path}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch {
    throw new UsageError(`config file ${path} is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`config file ${path}: expected a JSON object`);
  }
  return parsed as ConfigFile;
}
