// Every example of specs/zoom-webhooks.yaml (Zoom's published examples), signed as Zoom signs,
// verifies, reaches the listener of its own event, and type-checks as that event's body.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createZoomWebhookHandler, ZOOM_WEBHOOK_EVENTS } from "../src/index.js";
import { examples, now, SECRET, signedRequest } from "./helpers.js";

const listenable = ZOOM_WEBHOOK_EVENTS.filter((name) => name !== "endpoint.url_validation");

describe("the spec's examples", () => {
  it("there is one per event", () => {
    expect(Object.keys(examples).sort()).toEqual([...ZOOM_WEBHOOK_EVENTS].sort());
  });

  it.each(listenable)("%s, signed, verifies and reaches its own listener", async (name) => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    const got: string[] = [];
    for (const event of listenable) {
      handler.on(event, (delivered) => {
        got.push(`${event}:${delivered.event}:${delivered.known}`);
      });
    }
    const response = await handler(signedRequest(examples[name] as object));
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(got).toEqual([`${name}:${name}:true`]);
  });

  describe("type-check against their routes (tsc, strict)", () => {
    const dir = mkdtempSync(join(tmpdir(), "zoom-webhooks-examples-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const index = fileURLToPath(new URL("../src/index.ts", import.meta.url));
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

    function typecheck(source: string): string {
      writeFileSync(join(dir, "examples.ts"), source);
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            allowImportingTsExtensions: true,
            skipLibCheck: true,
            types: [],
            lib: ["ES2023", "DOM"],
          },
          files: ["examples.ts"],
        }),
      );
      const run = spawnSync(process.execPath, [tsc, "-p", dir], { encoding: "utf8" });
      return run.stdout + run.stderr;
    }

    const declare = (name: string, value: unknown, i: number) =>
      `export const e${i}: ZoomWebhookBody<${JSON.stringify(name)}> = ${JSON.stringify(value)};`;

    it("every example is assignable to ZoomWebhookBody<its event>, and a broken one is not", () => {
      const header = `import type { ZoomWebhookBody } from ${JSON.stringify(index)};\n`;
      const all = ZOOM_WEBHOOK_EVENTS.map((name, i) => declare(name, examples[name], i));
      expect(typecheck(header + all.join("\n"))).toBe("");
      // The control: the same check catches an example that does not fit its route.
      const completed = { ...(examples["recording.completed"] as object), download_token: 42 };
      const trashedAsCompleted = examples["recording.batch_trashed"];
      const broken = typecheck(
        `${header}${declare("recording.completed", completed, 0)}\n${declare("recording.completed", trashedAsCompleted, 1)}`,
      );
      // One error on each of the two broken declarations (lines 2 and 3 of the file).
      expect(broken).toMatch(/examples\.ts\(2,\d+\): error TS/);
      expect(broken).toMatch(/examples\.ts\(3,\d+\): error TS/);
    }, 60_000);
  });
});
