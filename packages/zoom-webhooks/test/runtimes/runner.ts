// Bundled by runtimes.test.ts (esbuild) and run as-is in Node, Deno and Bun: the web handler
// answers each signed fixture; the results go to stdout as one JSON line.
import { createZoomWebhookHandler } from "../../src/index.js";
import type { Fixture, Outcome } from "./fixtures.js";
import { runtimeName } from "./runtime-name.js";

declare const FIXTURES: Fixture[];
declare const SECRET: string;

const outcomes: Outcome[] = [];
for (const fixture of FIXTURES) {
  const handler = createZoomWebhookHandler({ secret: SECRET });
  let ran: string | null = null;
  handler.on("recording.completed", ({ body }) => {
    ran = body.payload.object.topic;
  });
  handler.onUnknown((event) => {
    ran = event.event;
  });
  const body = Uint8Array.from(atob(fixture.body), (c) => c.charCodeAt(0));
  const response = await handler(
    new Request("http://receiver.test/zoom/events", {
      method: "POST",
      headers: fixture.headers,
      body,
    }),
  );
  const text = await response.text();
  await new Promise((resolve) => setTimeout(resolve, 20));
  outcomes.push({ name: fixture.name, status: response.status, body: text, ran });
}
console.log(JSON.stringify({ runtime: runtimeName(), outcomes }));
