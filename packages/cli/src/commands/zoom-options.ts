import type { Command } from "commander";
import { type ConfigFile, defaultConfigPath, readConfigFile } from "../config-file.js";
import type { RunContext } from "../io.js";
import { type ZoomConnection, zoomConnection } from "../zoom-auth.js";

export interface ZoomCommandOptions {
  baseUrl?: string;
  tokenUrl?: string;
  config?: string;
}

/** The options every `clipkit zoom …` command takes. */
export function withZoomOptions<C extends Command>(command: C): C {
  return command
    .option(
      "--base-url <url>",
      "the API's base URL (default https://api.zoom.us/v2; env ZOOM_BASE_URL)",
    )
    .option(
      "--token-url <url>",
      "the OAuth token URL (default https://zoom.us/oauth/token; env ZOOM_TOKEN_URL)",
    )
    .option("--config <file>", "a JSON config file readable only by you (env CLIPKIT_CONFIG)") as C;
}

/** The credentials and URLs of a Zoom command, from its flags, the environment and the config file. */
export async function connectZoom(
  options: ZoomCommandOptions,
  run: RunContext,
): Promise<ZoomConnection> {
  return zoomConnection(options, run.io.env, await readZoomConfig(options, run), run.secrets);
}

/** The config file a Zoom command reads (`--config`, `CLIPKIT_CONFIG`, or the default path). */
export function readZoomConfig(options: ZoomCommandOptions, run: RunContext): Promise<ConfigFile> {
  const { env } = run.io;
  return readConfigFile(
    options.config ?? defaultConfigPath(env),
    options.config !== undefined || env.CLIPKIT_CONFIG !== undefined,
  );
}
