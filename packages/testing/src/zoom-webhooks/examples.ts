import { webhookSpecs } from "../../specs/webhooks.js";

/** A Zoom webhook body as JSON: `event` names it. */
export interface ZoomWebhookExample {
  event: string;
  event_ts: number;
  payload: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * The example body of every event in specs/zoom-webhooks.yaml (Zoom's published examples,
 * `recording.*` and `endpoint.url_validation`), by event name. Fresh copies on each call.
 */
export function zoomWebhookExamples(): Record<string, ZoomWebhookExample> {
  const webhooks = webhookSpecs["zoom-webhooks"].webhooks as Record<
    string,
    {
      post: {
        requestBody: {
          content: { "application/json": { examples: Record<string, { value: unknown }> } };
        };
      };
    }
  >;
  return Object.fromEntries(
    Object.entries(webhooks).map(([name, item]) => {
      const [example] = Object.values(item.post.requestBody.content["application/json"].examples);
      return [name, structuredClone(example?.value) as ZoomWebhookExample];
    }),
  );
}
