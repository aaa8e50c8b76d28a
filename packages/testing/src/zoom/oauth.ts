import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "../http/listen.js";
import type { TokenStore } from "./tokens.js";

/** The Server-to-Server OAuth app a Zoom fake accepts. */
export interface ZoomAppCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
}

export function zoomAppCredentials(given: Partial<ZoomAppCredentials> = {}): ZoomAppCredentials {
  return {
    accountId: given.accountId ?? "fake-account-id",
    clientId: given.clientId ?? "fake-client-id",
    clientSecret: given.clientSecret ?? "fake-client-secret",
  };
}

/**
 * Zoom's `POST /oauth/token` for Server-to-Server OAuth: the `account_credentials` grant,
 * the app's client ID and secret in a Basic header, parameters in the query or a form body.
 */
export function zoomTokenEndpoint(options: {
  credentials: ZoomAppCredentials;
  tokens: TokenStore;
  ttlSeconds: number;
  /** The token response's `scope`; left out when undefined. */
  scope?: string;
  apiUrl: () => string;
}) {
  const { credentials } = options;
  return async function handleToken(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== "POST") {
      return sendJson(res, 405, { reason: "Method not allowed", error: "invalid_request" });
    }
    const params = new URLSearchParams(url.search);
    const body = (await readBody(req)).toString("utf8");
    if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
      for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
    }
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const [id, secret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [];
    if (id !== credentials.clientId || secret !== credentials.clientSecret) {
      return sendJson(res, 401, {
        reason: "Invalid client_id or client_secret",
        error: "invalid_client",
      });
    }
    if (params.get("grant_type") !== "account_credentials") {
      return sendJson(res, 400, {
        reason: "Unsupported grant type",
        error: "unsupported_grant_type",
      });
    }
    if (params.get("account_id") !== credentials.accountId) {
      return sendJson(res, 400, { reason: "Invalid account_id", error: "invalid_request" });
    }
    sendJson(res, 200, {
      access_token: options.tokens.issue(options.ttlSeconds),
      token_type: "bearer",
      expires_in: options.ttlSeconds,
      ...(options.scope !== undefined ? { scope: options.scope } : {}),
      api_url: options.apiUrl(),
    });
  };
}
