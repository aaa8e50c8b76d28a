import { describe, expect, it } from "vitest";
import { changesetSlug, renderChangeset, summarize } from "../lib/changeset.ts";
import type { SpecChange } from "../lib/spec-diff.ts";

describe("summarize", () => {
  it.each<{ given: string; changes: SpecChange[]; want: string[] }>([
    {
      given: "one change in one operation",
      changes: [{ bump: "minor", message: "GET /clips: added optional query parameter `q`" }],
      want: ["**minor**: GET /clips: added optional query parameter `q`"],
    },
    {
      given: "the same shared-schema change in four operations",
      changes: ["GET /a", "GET /b", "POST /c", "DELETE /d"].map((op) => ({
        bump: "major" as const,
        message: `${op}: response 404 body field \`code\`: removed`,
      })),
      want: [
        "**major**: response 404 body field `code`: removed (GET /a, GET /b, POST /c and 1 more)",
      ],
    },
    {
      given: "document-level changes",
      changes: [
        { bump: "major", message: "Removed operation DELETE /x (`deleteX`)" },
        { bump: "minor", message: "Added schema `Clip`" },
      ],
      want: [
        "**major**: Removed operation DELETE /x (`deleteX`)",
        "**minor**: Added schema `Clip`",
      ],
    },
  ])("$given", ({ changes, want }) => {
    expect(summarize(changes)).toEqual(want);
  });
});

describe("renderChangeset", () => {
  it("writes changesets frontmatter with the bump and a bullet per change", () => {
    const text = renderChangeset(
      "@clipkit/clip-store",
      "minor",
      [{ bump: "minor", message: "Added schema `A`" }],
      "`HEAD`",
    );
    expect(text).toBe(
      '---\n"@clipkit/clip-store": minor\n---\n\nNew API features from the OpenAPI spec (compared with `HEAD`):\n\n- **minor**: Added schema `A`\n',
    );
    expect(changesetSlug("@clipkit/clip-store")).toBe("spec-clip-store");
  });
});
