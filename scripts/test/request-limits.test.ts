// Limits flow from the spec to the client at generate time: change a bound in a copy of the
// spec, regenerate, and the client refuses what it sent before.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as uplynkLimits from "../../packages/uplynk-clipping/src/generated/limits.ts";
import * as recordingLimits from "../../packages/zoom-cloud-recording/src/generated/limits.ts";
import { findDrift } from "../lib/drift.ts";
import { requestLimits } from "../lib/request-limits.ts";
import { createSandbox } from "../lib/sandbox.ts";
import { apiPackages } from "../lib/workspace.ts";
import { removedAfterTest } from "./helpers/temp-dir.ts";

const recordings = () => {
  const pkg = apiPackages().find((p) => p.name === "@clipkit/zoom-cloud-recording");
  if (!pkg) throw new Error("zoom-cloud-recording package not found");
  return pkg;
};

// Asks the sandbox's client for page_size 200 and prints what happened.
const PROBE = `
import { createZoomCloudRecordingClient } from "./packages/zoom-cloud-recording/src/index.ts";
const sent = [];
const client = createZoomCloudRecordingClient({
  auth: "t",
  fetch: async (input, init) => { sent.push(new Request(input, init).url); return Response.json({ meetings: [] }); },
});
try {
  await client.GET("/users/{userId}/recordings", { params: { path: { userId: "me" }, query: { page_size: 200 } } });
  console.log("sent " + sent.length);
} catch (error) {
  console.log(error.name + " " + error.message + " / sent " + sent.length);
}
`;

describe("request limits from the spec", () => {
  it("keep bounds, enums, required fields, maxItems and upload media types, and drop prose", () => {
    const clips = apiPackages().find((p) => p.name === "@clipkit/zoom-clips");
    if (!clips) throw new Error("zoom-clips package not found");
    const table = requestLimits(parse(readFileSync(clips.spec, "utf8")));
    expect(table["GET /clips"].query.page_size.schema).toMatchObject({
      type: "integer",
      minimum: expect.any(Number),
      maximum: expect.any(Number),
    });
    // An anyOf (a number or its digits) is kept whole.
    expect(table["GET /clips/{clipId}/comments"].query.page_size.schema.anyOf).toHaveLength(2);
    expect(table["POST /clips/transfers"].body.schema.required).toContain("transfer_type");
    expect(table["PATCH /clips/{clipId}"].body.schema.properties.tags.maxItems).toBe(10);
    expect(table["POST /clips/files"].body.encoding.file).toEqual([
      "video/mp4",
      "video/webm",
      "application/octet-stream",
    ]);
    // Nor what the runtime never reads: every client ships this table.
    expect(JSON.stringify(table)).not.toMatch(/rate limit|"examples?"|"summary"|"operationId"/);
  });

  it("are written as two tables: the scopes and categories every client ships, and the schemas only a validating client ships", () => {
    const table: Record<string, { rateLimit?: string; scopes?: unknown }> = requestLimits(
      parse(readFileSync(recordings().spec, "utf8")),
    );
    const { operationInfo, requestSchemas } = recordingLimits;
    expect(Object.keys(requestSchemas).sort()).toEqual(Object.keys(table).sort());
    for (const [operation, { rateLimit, scopes, ...inputs }] of Object.entries(table)) {
      expect((requestSchemas as Record<string, unknown>)[operation]).toEqual(inputs);
      expect((operationInfo as Record<string, unknown>)[operation]).toEqual({ rateLimit, scopes });
    }
    expect(JSON.stringify(requestSchemas)).not.toMatch(/"rateLimit"|"scopes"/);
    // Uplynk's spec names neither: nothing to ship, and every operation still checked.
    expect(uplynkLimits.operationInfo).toEqual({});
    expect(Object.keys(uplynkLimits.requestSchemas)).toContain("POST /clipping_draft");
  });

  it("carry each operation's x-rate-limit-label, and refuse a label Zoom does not use", () => {
    const spec = parse(readFileSync(recordings().spec, "utf8"));
    const table = requestLimits(spec);
    expect(table["GET /users/{userId}/recordings"].rateLimit).toBe("MEDIUM");
    expect(table["DELETE /meetings/{meetingId}/recordings"].rateLimit).toBe("LIGHT");
    // The published document labels no analytics operation: none is invented.
    expect(table["GET /meetings/{meetingId}/recordings/analytics_summary"]).not.toHaveProperty(
      "rateLimit",
    );
    spec.paths["/users/{userId}/recordings"].get["x-rate-limit-label"] = "HEAVYISH";
    expect(() => requestLimits(spec)).toThrow(
      /GET \/users\/\{userId\}\/recordings: x-rate-limit-label "HEAVYISH"/,
    );
  });

  it("carry each operation's macro and granular scopes, and refuse a list that is not scope names", () => {
    const spec = parse(readFileSync(recordings().spec, "utf8"));
    const table = requestLimits(spec);
    expect(table["GET /users/{userId}/recordings"].scopes).toEqual({
      macro: ["recording:read:admin", "recording:read"],
      granular: [
        "cloud_recording:read:list_user_recordings",
        "cloud_recording:read:list_user_recordings:master",
        "cloud_recording:read:list_user_recordings:admin",
      ],
    });
    // Published with granular scopes only: no macro scope is invented.
    expect(table["GET /meetings/{meetingId}/recordings/analytics_summary"].scopes.macro).toEqual(
      [],
    );
    delete spec.paths["/meetings/{meetingId}/recordings"].delete["x-macro-scopes"];
    delete spec.paths["/meetings/{meetingId}/recordings"].delete["x-granular-scopes"];
    expect(requestLimits(spec)["DELETE /meetings/{meetingId}/recordings"]).not.toHaveProperty(
      "scopes",
    );
    spec.paths["/users/{userId}/recordings"].get["x-granular-scopes"] = "recording:read";
    expect(() => requestLimits(spec)).toThrow(
      /GET \/users\/\{userId\}\/recordings: x-granular-scopes must be a list/,
    );
  });

  it("a bound changed in a spec copy shows as drift, and the regenerated client follows it", () => {
    const sandbox = removedAfterTest(
      createSandbox({
        packages: ["zoom-cloud-recording"],
        link: ["core", "zoom-shared", "contract-harness"],
      }),
    );
    const spec = join(sandbox, "specs", "zoom-cloud-recording.yaml");
    const tsx = join(sandbox, "node_modules", ".bin", "tsx");
    const probe = join(sandbox, "probe.ts");
    writeFileSync(probe, PROBE);
    const run = (...args: string[]) => {
      const result = spawnSync(tsx, args, { cwd: sandbox, encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout.trim();
    };

    expect(run(probe)).toBe("sent 1");

    const text = readFileSync(spec, "utf8");
    const narrowed = text.replace(/maximum: 300\b/, "maximum: 120");
    expect(narrowed).not.toBe(text);
    writeFileSync(spec, narrowed);
    const pkg = recordings();
    const copy = {
      ...pkg,
      spec,
      output: join(sandbox, "packages", "zoom-cloud-recording", "src", "generated", "schema.d.ts"),
      limits: join(sandbox, "packages", "zoom-cloud-recording", "src", "generated", "limits.ts"),
    };
    return findDrift([copy], sandbox).then((drift) => {
      expect(drift).toEqual([
        expect.stringMatching(
          /^packages\/zoom-cloud-recording\/src\/generated\/limits\.ts differs/,
        ),
      ]);
      run("scripts/generate.ts", "packages/zoom-cloud-recording");
      expect(run(probe)).toBe(
        "ClipKitValidationError page_size: expected a value from 1 to 120, got 200 / sent 0",
      );
    });
  });
});
