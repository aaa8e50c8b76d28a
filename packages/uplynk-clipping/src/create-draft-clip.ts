import { ClipKitValidationError, unwrap } from "@clipkit/core";
import type { components } from "./generated/schema.js";
import type { LeanUplynkClippingClient } from "./lean-client.js";

/** The create body: `beam` plus exactly one of the four start/stop combinations. */
export type CreateDraftClipInput = components["schemas"]["CreateDraftClipRequest"];
export type DraftClipCreated = components["schemas"]["DraftClipCreated"];

export interface CreateDraftClipOptions {
  signal?: AbortSignal;
}

const given = (body: Record<string, unknown>, key: string) => body[key] !== undefined;

function wholeMs(body: Record<string, unknown>, field: "start" | "stop"): number {
  const value = body[field];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new ClipKitValidationError(
      field,
      `must be a whole number of milliseconds from the start of the asset, 0 or more; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * `YYYY-MM-DDThh:mm:ssZ`, as the spec's StartTime/StopTime pattern says (seconds, UTC), of a
 * moment that exists: exactly what `toISOString` writes for it, less its ".000". That one
 * comparison refuses other layouts, offsets, milliseconds and days that do not exist
 * ("2024-02-30T…" parses as March 1st).
 */
function isoTime(body: Record<string, unknown>, field: "start_time" | "stop_time"): number {
  const value = body[field];
  if (typeof value === "string") {
    const time = Date.parse(value);
    if (!Number.isNaN(time) && new Date(time).toISOString() === `${value.slice(0, -1)}.000Z`) {
      return time;
    }
  }
  throw new ClipKitValidationError(
    field,
    `must be a UTC date and time as YYYY-MM-DDThh:mm:ssZ (e.g. 2024-01-08T20:31:11Z); got ${JSON.stringify(value)}`,
  );
}

/**
 * Checks a create body against the rules of the spec before anything is sent: a non-empty
 * `beam`, a start as `start` (ms) or `start_time`, an end as `stop` (with `start`),
 * `stop_time` (with `start_time`) or `duration` (seconds, with either), the start before the
 * end. Throws `ClipKitValidationError` naming the field and what is wrong.
 */
export function validateDraftClipInput(input: unknown): asserts input is CreateDraftClipInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ClipKitValidationError("input", "expected an object with beam and a start and end");
  }
  const body = input as Record<string, unknown>;
  if (typeof body.beam !== "string" || body.beam.trim() === "") {
    throw new ClipKitValidationError(
      "beam",
      "give the asset ID of the clip's source (a non-empty string)",
    );
  }

  const fromMs = given(body, "start");
  const fromTime = given(body, "start_time");
  if (fromMs && fromTime) {
    throw new ClipKitValidationError("start", "give either start (ms) or start_time, not both");
  }
  if (!fromMs && !fromTime) {
    throw new ClipKitValidationError(
      "start",
      "give a start: start (ms from the start of the asset) or start_time (YYYY-MM-DDThh:mm:ssZ)",
    );
  }

  const ends = (["stop", "stop_time", "duration"] as const).filter((key) => given(body, key));
  if (ends.length > 1) {
    throw new ClipKitValidationError(
      ends[1] as string,
      `give only one end (stop, stop_time or duration), not ${ends.join(" and ")}`,
    );
  }
  const end = ends[0];
  if (end === undefined) {
    throw new ClipKitValidationError(
      "stop",
      fromMs
        ? "give an end: stop (ms from the start of the asset) or duration (seconds)"
        : "give an end: stop_time (YYYY-MM-DDThh:mm:ssZ) or duration (seconds)",
    );
  }
  if (fromMs && end === "stop_time") {
    throw new ClipKitValidationError(
      "stop_time",
      "stop_time only goes with start_time; with start (ms) give stop (ms) or duration (seconds)",
    );
  }
  if (fromTime && end === "stop") {
    throw new ClipKitValidationError(
      "stop",
      "stop (ms) only goes with start (ms); with start_time give stop_time or duration (seconds)",
    );
  }

  const start = fromMs ? wholeMs(body, "start") : isoTime(body, "start_time");
  if (end === "duration") {
    const duration = body.duration;
    if (typeof duration !== "number" || !Number.isInteger(duration) || duration < 1) {
      throw new ClipKitValidationError(
        "duration",
        `must be a whole number of seconds, 1 or more; got ${JSON.stringify(duration)}`,
      );
    }
  } else {
    const stop = end === "stop" ? wholeMs(body, "stop") : isoTime(body, "stop_time");
    if (stop <= start) {
      const [a, b] = fromMs ? ["start", "stop"] : ["start_time", "stop_time"];
      throw new ClipKitValidationError(
        end,
        `the clip must start before it ends: ${a} ${JSON.stringify(body[a as string])} is not before ${b} ${JSON.stringify(body[b as string])}`,
      );
    }
  }

  if (body.title !== undefined && typeof body.title !== "string") {
    throw new ClipKitValidationError("title", "must be a string");
  }
  if (body.profile !== undefined && typeof body.profile !== "string") {
    throw new ClipKitValidationError("profile", "must be a string");
  }
  if (body.meta !== undefined) {
    const meta = body.meta;
    if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
      throw new ClipKitValidationError(
        "meta",
        "must be an object of metadata keys to string values",
      );
    }
    for (const [key, value] of Object.entries(meta)) {
      if (typeof value !== "string") {
        throw new ClipKitValidationError(
          `meta.${key}`,
          `must be a string; got ${JSON.stringify(value)}`,
        );
      }
    }
  }
}

/**
 * Creates a draft clip after checking the window locally (see `validateDraftClipInput`), so a
 * body the API would refuse never leaves the process. Resolves to the created draft's `@id`,
 * `@type` and `id`; throws the typed `ApiError` of `@clipkit/core` on an error answer.
 */
export async function createDraftClip(
  client: LeanUplynkClippingClient,
  input: CreateDraftClipInput,
  options: CreateDraftClipOptions = {},
): Promise<DraftClipCreated> {
  validateDraftClipInput(input);
  return unwrap(
    client.POST("/clipping_draft", {
      body: input,
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  );
}
