import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import {
  type KnownZoomWebhookEvent,
  type webhooks,
  ZOOM_WEBHOOK_EVENTS,
  type ZoomWebhookBody,
  type ZoomWebhookEvent,
} from "../src/index.js";

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
const published = JSON.parse(read("specs/sources/published/zoom-meetings.recording-events.json"));
const spec = parse(read("specs/zoom-webhooks.yaml"));

describe("the events", () => {
  it("the spec has every recording.* event of Zoom's published document (18)", () => {
    const recording = Object.keys(published.webhooks).filter((name) =>
      name.startsWith("recording."),
    );
    expect(recording).toHaveLength(18);
    const missing = recording.filter((name) => !spec.webhooks[name]);
    expect(missing).toEqual([]);
  });

  it("the spec has nothing else but endpoint.url_validation, and the run-time list matches it", () => {
    const names = Object.keys(spec.webhooks).sort();
    expect(names).toEqual(["endpoint.url_validation", ...Object.keys(published.webhooks)].sort());
    expect([...ZOOM_WEBHOOK_EVENTS].sort()).toEqual(names);
  });

  it("the run-time list and the generated types hold the same names (compile time)", () => {
    expectTypeOf<(typeof ZOOM_WEBHOOK_EVENTS)[number]>().toEqualTypeOf<keyof webhooks>();
  });

  it("narrowing on known, then event, gives the event's typed body", () => {
    const check = (event: ZoomWebhookEvent) => {
      if (!event.known) {
        expectTypeOf(event.event).toEqualTypeOf<string>();
        return;
      }
      if (event.event === "recording.completed") {
        expectTypeOf(event.body.download_token).toEqualTypeOf<string>();
        expectTypeOf(event.body.payload.object.recording_files[0]?.file_type).toExtend<
          string | undefined
        >();
      }
      if (event.event === "recording.deleted") {
        // @ts-expect-error recording.deleted carries no download_token
        event.body.download_token;
      }
    };
    expectTypeOf(check).toBeFunction();
    expectTypeOf<KnownZoomWebhookEvent["event"]>().toEqualTypeOf<keyof webhooks>();
    expectTypeOf<
      ZoomWebhookBody<"recording.renamed">["event"]
    >().toEqualTypeOf<"recording.renamed">();
  });

  it("recording_type accepts both spellings Zoom publishes", () => {
    type File =
      ZoomWebhookBody<"recording.completed">["payload"]["object"]["recording_files"][number];
    expectTypeOf<"production_studio">().toExtend<NonNullable<File["recording_type"]>>();
    expectTypeOf<"production_sutdio">().toExtend<NonNullable<File["recording_type"]>>();
  });
});
