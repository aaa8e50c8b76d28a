import { signZoomWebhook } from "@clipkit/testing";

export interface Fixture {
  name: string;
  /** base64 of the exact bytes */
  body: string;
  headers: Record<string, string>;
}
export interface Outcome {
  name: string;
  status: number;
  body: string;
  ran: string | null;
}

export const TOPIC = "Kundengespräch — Müller & Co.";
export const PLAIN_TOKEN = "qgg8vlvZRS6UYooatFL8Aw";

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** The same signed requests for every runtime, signed now (node:crypto, @clipkit/testing). */
export function fixtures(secret: string, completed: object, nowSeconds: number): Fixture[] {
  const sign = (name: string, event: object | string, timestamp = nowSeconds): Fixture => {
    const signed = signZoomWebhook(event, secret, { timestamp });
    return { name, body: base64(signed.body), headers: signed.headers };
  };
  const good = sign("completed", completed);
  const tampered = Buffer.from(good.body, "base64");
  const at = tampered.length - 2;
  tampered[at] = (tampered[at] as number) ^ 1;
  const { "x-zm-signature": _, ...unsigned } = good.headers;
  return [
    good,
    sign("url_validation", {
      event: "endpoint.url_validation",
      event_ts: nowSeconds * 1000,
      payload: { plainToken: PLAIN_TOKEN },
    }),
    { ...good, name: "tampered", body: base64(tampered) },
    sign("stale", completed, nowSeconds - 600),
    { ...good, name: "unsigned", headers: unsigned },
    sign("unknown", { event: "clip.completed", event_ts: 1, payload: { object: { id: "c1" } } }),
  ];
}
