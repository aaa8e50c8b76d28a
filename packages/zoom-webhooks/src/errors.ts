import { ClipKitError } from "@clipkit/core";

/** Why a webhook request was refused. */
export type ZoomWebhookRefusal =
  | "missing_header"
  | "malformed_header"
  | "bad_signature"
  | "stale"
  | "too_large"
  | "not_json";

/** The HTTP status a receiver answers each refusal with (Zoom retries none of them). */
export const REFUSAL_STATUS: Record<ZoomWebhookRefusal, number> = {
  missing_header: 401,
  malformed_header: 401,
  bad_signature: 401,
  stale: 401,
  too_large: 413,
  not_json: 400,
};

/**
 * A webhook request that was refused, with the reason. Its message, `toJSON` and `inspect`
 * name the reason and sizes or times only: never the secret, the signature or the body.
 */
export class ZoomWebhookVerificationError extends ClipKitError {
  override name = "ZoomWebhookVerificationError";
  readonly reason: ZoomWebhookRefusal;
  /** The status to answer with (401, or 413 for too_large, 400 for not_json). */
  readonly status: number;

  constructor(reason: ZoomWebhookRefusal, message: string) {
    super(message);
    this.reason = reason;
    this.status = REFUSAL_STATUS[reason];
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason, status: this.status };
  }
}
