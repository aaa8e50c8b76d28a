import { ZoomWebhookVerificationError } from "./errors.js";
import {
  hideTokenFromInspect,
  isKnownEventName,
  type KnownZoomWebhookEvent,
  type ZoomWebhookEvent,
} from "./events.js";
import { fromHex, macMatches, signedMessage } from "./signature.js";

export const SIGNATURE_HEADER = "x-zm-signature";
export const TIMESTAMP_HEADER = "x-zm-request-timestamp";
/** Stripe's and Svix's default too: long enough for clock skew, short enough to stop replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Zoom's events are a few kB; a recording.completed with many files stays far below this. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface VerifyOptions {
  /** The app's secret token; during a rotation, the new and the old one (each is tried). */
  secret: string | readonly string[];
  /** How far `x-zm-request-timestamp` may be from now, either way. Default 300 s. */
  toleranceSeconds?: number;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Bodies longer than this are refused unread. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** Request headers: anything with `get` (fetch's `Headers`), or `node:http`'s plain object. */
export type HeadersInput =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

type HeaderRecord = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What verification proved, with the index of the secret that matched (for URL validation). */
export interface Verified {
  event: ZoomWebhookEvent;
  secretIndex: number;
}

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v0=[0-9a-fA-F]{64}$/;

export function secretsOf(secret: string | readonly string[]): readonly string[] {
  const secrets = typeof secret === "string" ? [secret] : secret;
  if (secrets.length === 0 || secrets.some((s) => typeof s !== "string" || s === "")) {
    throw new TypeError("zoom-webhooks: secret must be a non-empty string (or a list of them)");
  }
  return secrets;
}

function header(headers: HeadersInput, name: string): string | undefined {
  // Any Headers-like object (another realm's, node-fetch's), not only this realm's class.
  if (typeof headers.get === "function") {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as HeaderRecord;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (value === undefined || typeof value === "string") return value;
  if (value.length === 1) return value[0];
  throw new ZoomWebhookVerificationError("malformed_header", `${name} is sent more than once`);
}

function required(headers: HeadersInput, name: string, pattern: RegExp, shape: string): string {
  const value = header(headers, name);
  if (value === undefined || value === "") {
    throw new ZoomWebhookVerificationError("missing_header", `${name} header is missing`);
  }
  if (!pattern.test(value)) {
    throw new ZoomWebhookVerificationError("malformed_header", `${name} is not ${shape}`);
  }
  return value;
}

export function checkSize(bytes: number, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): void {
  if (bytes > maxBodyBytes) {
    throw new ZoomWebhookVerificationError(
      "too_large",
      `body is over the ${maxBodyBytes}-byte limit`,
    );
  }
}

function parseEvent(body: Uint8Array, timestamp: number): ZoomWebhookEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new ZoomWebhookVerificationError("not_json", "body is not UTF-8 JSON");
  }
  if (
    parsed === null ||
    typeof parsed !== "object" ||
    Array.isArray(parsed) ||
    typeof (parsed as { event?: unknown }).event !== "string"
  ) {
    throw new ZoomWebhookVerificationError(
      "not_json",
      "body is not a JSON object with a string `event`",
    );
  }
  const value = hideTokenFromInspect(parsed as { event: string });
  return isKnownEventName(value.event)
    ? ({ known: true, event: value.event, body: value, timestamp } as KnownZoomWebhookEvent)
    : { known: false, event: value.event, body: value, timestamp };
}

/** Verifies and parses, and says which secret matched. The handler's entry; see verifyZoomWebhook. */
export async function verifyRequest(
  rawBody: Uint8Array | ArrayBuffer,
  headers: HeadersInput,
  options: VerifyOptions,
): Promise<Verified> {
  const secrets = secretsOf(options.secret);
  const body = rawBody instanceof Uint8Array ? rawBody : new Uint8Array(rawBody);
  checkSize(body.byteLength, options.maxBodyBytes);
  const timestamp = required(headers, TIMESTAMP_HEADER, TIMESTAMP, "Unix seconds");
  const signature = required(headers, SIGNATURE_HEADER, SIGNATURE, "v0= and 64 hex digits");
  const mac = fromHex(signature.slice(3));
  const message = signedMessage(timestamp, body);
  // Every secret is tried, so the time taken does not say which one matched.
  const matches = await Promise.all(secrets.map((secret) => macMatches(secret, mac, message)));
  const secretIndex = matches.indexOf(true);
  if (secretIndex < 0) {
    throw new ZoomWebhookVerificationError(
      "bad_signature",
      `${SIGNATURE_HEADER} does not match the body under any of the ${secrets.length} secret(s)`,
    );
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const skew = Math.floor((options.now ?? Date.now)() / 1000) - Number(timestamp);
  if (Math.abs(skew) > tolerance) {
    throw new ZoomWebhookVerificationError(
      "stale",
      `${TIMESTAMP_HEADER} is ${Math.abs(skew)} s ${skew > 0 ? "old" : "ahead"} (tolerance ${tolerance} s)`,
    );
  }
  return { event: parseEvent(body, Number(timestamp)), secretIndex };
}

/**
 * Verifies a Zoom webhook request from its raw body bytes (exactly as received, never
 * re-serialised JSON) and its headers, then parses it. Throws ZoomWebhookVerificationError
 * naming the reason; an event the spec does not know is returned with `known: false`.
 */
export async function verifyZoomWebhook(
  rawBody: Uint8Array | ArrayBuffer,
  headers: HeadersInput,
  options: VerifyOptions,
): Promise<ZoomWebhookEvent> {
  return (await verifyRequest(rawBody, headers, options)).event;
}
