import { type DedupeStore, eventKey, memoryDedupe } from "./dedupe.js";
import { ZoomWebhookVerificationError } from "./errors.js";
import type {
  KnownZoomWebhookEvent,
  UnknownZoomWebhookEvent,
  ZoomWebhookEvent,
  ZoomWebhookEventName,
} from "./events.js";
import { readBodyBytes } from "./read-body.js";
import { answerUrlValidation } from "./url-validation.js";
import {
  checkSize,
  DEFAULT_MAX_BODY_BYTES,
  secretsOf,
  type VerifyOptions,
  verifyRequest,
} from "./verify.js";

/** The events a listener can subscribe to (URL validation is answered by the handler itself). */
export type ZoomListenableEvent = Exclude<ZoomWebhookEventName, "endpoint.url_validation">;

export type ZoomEventListener<E extends ZoomListenableEvent> = (
  event: Extract<KnownZoomWebhookEvent, { event: E }>,
) => unknown;

/** What a platform gives a request to keep work alive after the answer (Workers' `ctx`). */
export interface HandlerContext {
  waitUntil?(work: Promise<unknown>): void;
}

export interface ZoomWebhookHandlerOptions extends VerifyOptions {
  /**
   * Which events already ran, so that Zoom's redeliveries run no listener twice. Default: an
   * in-memory store of the last 10,000 events (one process); `false` turns it off.
   */
  dedupe?: DedupeStore | false;
  /**
   * A queue the caller supplies: awaited before the answer, so it must be quick (a durable
   * write, a message to a queue); the slow work runs from that queue. When it throws, the
   * answer is 500, the event is forgotten by `dedupe`, and Zoom redelivers it later.
   */
  enqueue?: (event: ZoomWebhookEvent) => void | Promise<void>;
  /** Called with what a listener throws. Default: one line on stderr (no event data). */
  onError?: (error: unknown, event: ZoomWebhookEvent) => void;
}

export interface ZoomWebhookHandler {
  /** Answers one request: 200 once verified (before listeners finish), 401/413/400 when refused. */
  (request: Request, context?: HandlerContext): Promise<Response>;
  /** Runs `listener` for each verified, first-seen `event`, after the answer is sent. */
  on<E extends ZoomListenableEvent>(event: E, listener: ZoomEventListener<E>): ZoomWebhookHandler;
  /** Runs `listener` for events the spec does not know yet. */
  onUnknown(listener: (event: UnknownZoomWebhookEvent) => unknown): ZoomWebhookHandler;
}

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function defaultOnError(error: unknown, event: ZoomWebhookEvent): void {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  console.error(`[zoom-webhooks] a ${event.event} listener failed: ${what}`);
}

/**
 * A web-standard request handler for Zoom's webhooks (Workers, Deno, Bun, Next.js route
 * handlers; `@clipkit/zoom-webhooks/node` adapts it to node:http and Express).
 */
export function createZoomWebhookHandler(options: ZoomWebhookHandlerOptions): ZoomWebhookHandler {
  const secrets = secretsOf(options.secret);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const dedupe = options.dedupe === false ? undefined : (options.dedupe ?? memoryDedupe());
  const onError = options.onError ?? defaultOnError;
  const listeners = new Map<string, Array<(event: ZoomWebhookEvent) => unknown>>();
  const unknownListeners: Array<(event: UnknownZoomWebhookEvent) => unknown> = [];

  async function runListeners(event: ZoomWebhookEvent): Promise<void> {
    // A macrotask first: the answer goes out before any listener code runs, even synchronous.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const run = event.known ? (listeners.get(event.event) ?? []) : unknownListeners;
    await Promise.all(
      run.map(async (listener) => {
        try {
          await (listener as (e: ZoomWebhookEvent) => unknown)(event);
        } catch (error) {
          onError(error, event);
        }
      }),
    );
  }

  async function answer(request: Request, context?: HandlerContext): Promise<Response> {
    if (request.method !== "POST") {
      return new Response(null, { status: 405, headers: { allow: "POST" } });
    }
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (Number.isFinite(declared)) checkSize(declared, maxBodyBytes);
    const body = await readBodyBytes(request.body, maxBodyBytes);
    const { event, secretIndex } = await verifyRequest(body, request.headers, {
      ...options,
      secret: secrets,
    });
    if (event.known && event.event === "endpoint.url_validation") {
      const secret = secrets[secretIndex] as string;
      return json(await answerUrlValidation(event.body.payload.plainToken, secret), 200);
    }
    const key = dedupe ? await eventKey(event, body) : undefined;
    if (dedupe && key !== undefined && !(await dedupe.claim(key))) {
      return new Response(null, { status: 200 });
    }
    if (options.enqueue) {
      try {
        await options.enqueue(event);
      } catch (error) {
        if (key !== undefined) await dedupe?.release?.(key);
        onError(error, event);
        return json({ error: "enqueue_failed" }, 500);
      }
    }
    // runListeners catches what listeners throw; this catches a throwing onError.
    const work = runListeners(event).catch(() => {});
    if (context?.waitUntil) context.waitUntil(work);
    return new Response(null, { status: 200 });
  }

  const handler = (async (request: Request, context?: HandlerContext) => {
    try {
      return await answer(request, context);
    } catch (error) {
      if (error instanceof ZoomWebhookVerificationError) {
        return json({ error: error.reason }, error.status);
      }
      // A failing dedupe store, say: 500 so that Zoom delivers the event again later.
      console.error(
        `[zoom-webhooks] could not take a request: ${error instanceof Error ? error.name : typeof error}`,
      );
      return json({ error: "internal" }, 500);
    }
  }) as ZoomWebhookHandler;
  handler.on = (event, listener) => {
    const list = listeners.get(event) ?? [];
    list.push(listener as (event: ZoomWebhookEvent) => unknown);
    listeners.set(event, list);
    return handler;
  };
  handler.onUnknown = (listener) => {
    unknownListeners.push(listener);
    return handler;
  };
  return handler;
}
