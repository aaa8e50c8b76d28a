import { type ClientCredentialsAuth, clientCredentials } from "@clipkit/core";

export const ZOOM_TOKEN_URL = "https://zoom.us/oauth/token";

export interface ServerToServerOAuthOptions {
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Default `https://zoom.us/oauth/token`. */
  tokenUrl?: string;
  fetch?: typeof fetch;
  /** Let the secret travel over plain `http://` to a host other than loopback. Default false. */
  allowInsecureHttp?: boolean;
  /** How long before expiry the token is replaced. Default 60 000 (Zoom's tokens last an hour). */
  refreshMarginMs?: number;
}

/**
 * Zoom Server-to-Server OAuth: the `account_credentials` grant for one account, with the
 * app's client ID and secret in a Basic header.
 */
export function serverToServerOAuth(options: ServerToServerOAuthOptions): ClientCredentialsAuth {
  return clientCredentials({
    tokenUrl: options.tokenUrl ?? ZOOM_TOKEN_URL,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    params: { grant_type: "account_credentials", account_id: options.accountId },
    credentialsIn: "basic",
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
  });
}
