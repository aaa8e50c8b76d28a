import type { AuthProvider } from "@clipkit/core";
import { toAuthProvider } from "@clipkit/core";
import { serverToServerOAuth } from "@clipkit/zoom-cloud-recording";
import type { ConfigFile } from "./config-file.js";
import { rememberSecret, UsageError } from "./errors.js";

export interface ZoomConnection {
  auth: AuthProvider;
  /**
   * The scopes Server-to-Server OAuth granted (the token response's `scope`); absent with
   * `ZOOM_TOKEN`, whose scopes cannot be known up front.
   */
  grantedScopes?: (signal?: AbortSignal) => Promise<readonly string[] | undefined>;
  /** `--base-url`, `ZOOM_BASE_URL` or the config's; undefined: Zoom's own. */
  baseUrl: string | undefined;
}

export interface ZoomFlags {
  baseUrl?: string;
  tokenUrl?: string;
}

/** A URL flag checked before anything is sent. */
function url(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return value;
  } catch {}
  throw new UsageError(`${name}: expected an http(s) URL, got ${JSON.stringify(value)}`);
}

/**
 * Zoom credentials: `ZOOM_TOKEN`, or Server-to-Server OAuth from `ZOOM_ACCOUNT_ID`,
 * `ZOOM_CLIENT_ID` and `ZOOM_CLIENT_SECRET`; each from the environment first, then the
 * config file. Flags beat the environment for the URLs. The credentials found join `secrets`.
 */
export function zoomConnection(
  flags: ZoomFlags,
  env: NodeJS.ProcessEnv,
  config: ConfigFile,
  secrets: Set<string>,
): ZoomConnection {
  const connection = zoomConnectionIfAny(flags, env, config, secrets);
  if ("auth" in connection) return connection;
  throw new UsageError(
    `no Zoom credentials: set ZOOM_TOKEN, or ${connection.missing.join(", ")} (Server-to-Server OAuth), in the environment or the config file`,
  );
}

/** Like `zoomConnection`, for commands whose API credentials are optional (`watch`). */
export function zoomConnectionIfAny(
  flags: ZoomFlags,
  env: NodeJS.ProcessEnv,
  config: ConfigFile,
  secrets: Set<string>,
): ZoomConnection | { baseUrl: string | undefined; missing: string[] } {
  const file = config.zoom ?? {};
  const pick = (name: string, fromFile: string | undefined) => env[name] || fromFile || undefined;
  const token = pick("ZOOM_TOKEN", file.token);
  const accountId = pick("ZOOM_ACCOUNT_ID", file.accountId);
  const clientId = pick("ZOOM_CLIENT_ID", file.clientId);
  const clientSecret = pick("ZOOM_CLIENT_SECRET", file.clientSecret);
  for (const secret of [token, clientSecret, clientId]) rememberSecret(secrets, secret);
  const baseUrl = url("--base-url", flags.baseUrl ?? pick("ZOOM_BASE_URL", file.baseUrl));
  const tokenUrl = url("--token-url", flags.tokenUrl ?? pick("ZOOM_TOKEN_URL", file.tokenUrl));
  if (token) return { auth: toAuthProvider(token), baseUrl };
  if (accountId && clientId && clientSecret) {
    const auth = serverToServerOAuth({
      accountId,
      clientId,
      clientSecret,
      maxRetries: 8,
      tokenUrl,
    });
    return { auth, baseUrl, grantedScopes: (signal) => auth.grantedScopes(signal) };
  }
  const missing = ["ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"].filter(
    (_name, i) => ![accountId, clientId, clientSecret][i],
  );
  return { baseUrl, missing };
}

/**
 * The webhook app's secret token(s): `ZOOM_WEBHOOK_SECRET_TOKEN`, else the config file's;
 * comma-separated for a rotation (the new and the old one). They join `secrets`.
 */
export function zoomWebhookSecrets(
  env: NodeJS.ProcessEnv,
  config: ConfigFile,
  secrets: Set<string>,
): string[] {
  const raw = env.ZOOM_WEBHOOK_SECRET_TOKEN || config.zoom?.webhookSecretToken || "";
  const tokens = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (tokens.length === 0) {
    throw new UsageError(
      "no webhook secret token: set ZOOM_WEBHOOK_SECRET_TOKEN (your app's Secret Token, from its Feature page), in the environment or the config file",
    );
  }
  for (const token of tokens) rememberSecret(secrets, token);
  return tokens;
}
