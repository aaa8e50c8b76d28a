import { randomBytes } from "node:crypto";
import type { FakeClock } from "../clock.js";

export type TokenCheck = "valid" | "expired" | "unknown";

/** Bearer tokens a fake issued, each with its expiry on the fake's clock. */
export interface TokenStore {
  issue(ttlSeconds: number, prefix?: string): string;
  check(token: string | undefined): TokenCheck;
  /** How many tokens were issued. */
  issuedCount(): number;
  /** Every token issued so far (a CDN request carrying one of them is a leak). */
  all(): string[];
  /** Expire every token issued so far, as if an hour had passed for them. */
  expireAll(): void;
}

export function createTokenStore(clock: FakeClock): TokenStore {
  const tokens = new Map<string, number>();
  return {
    issue(ttlSeconds, prefix = "fake_at_") {
      const token = `${prefix}${randomBytes(24).toString("base64url")}`;
      tokens.set(token, clock.now() + ttlSeconds * 1000);
      return token;
    },
    check(token) {
      if (token === undefined) return "unknown";
      const expiresAt = tokens.get(token);
      if (expiresAt === undefined) return "unknown";
      return clock.now() < expiresAt ? "valid" : "expired";
    },
    all: () => [...tokens.keys()],
    issuedCount: () => tokens.size,
    expireAll() {
      const past = clock.now() - 1;
      for (const token of tokens.keys()) tokens.set(token, past);
    },
  };
}

/** The token of `Authorization: Bearer …`, if any. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return match?.[1];
}
