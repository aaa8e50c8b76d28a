import {
  type ClientCredentialsAuth,
  type ClientCredentialsOptions,
  ClipKitValidationError,
  clientCredentials,
} from "@clipkit/core";

export const ZOOM_TOKEN_URL = "https://zoom.us/oauth/token";

export interface ServerToServerOAuthOptions
  extends Pick<
    ClientCredentialsOptions,
    "fetch" | "timeoutMs" | "maxRetries" | "backoff" | "now" | "logger" | "sleep" | "random"
  > {
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Default `https://zoom.us/oauth/token`. */
  tokenUrl?: string;
  /**
   * How long before expiry the token is replaced. Default 60 000 (Zoom's tokens last an hour);
   * never more than half a token's lifetime.
   */
  refreshMarginMs?: number;
}

/**
 * Zoom Server-to-Server OAuth: the `account_credentials` grant for one account, with the
 * app's client ID and secret in a Basic header. The token request runs on core's lifecycle:
 * `timeoutMs` per attempt (the API call's own limit and abort apply too), retries on 429,
 * 5xx and resets, and `now` as the clock for expiry.
 */
export function serverToServerOAuth(options: ServerToServerOAuthOptions): ClientCredentialsAuth {
  const { accountId, tokenUrl, ...rest } = options;
  if (typeof accountId !== "string" || accountId.trim() === "") {
    throw new ClipKitValidationError(
      "accountId",
      "give the Zoom account ID of the Server-to-Server OAuth app",
    );
  }
  return clientCredentials({
    ...rest,
    tokenUrl: tokenUrl ?? ZOOM_TOKEN_URL,
    params: { grant_type: "account_credentials", account_id: accountId },
    credentialsIn: "basic",
  });
}
