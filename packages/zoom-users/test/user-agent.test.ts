// Zoom sees which client called: both entries name this package and its version.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createZoomUsersClient } from "../src/index.js";
import { createZoomUsersClient as createLeanClient } from "../src/lean.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
};

describe("the User-Agent", () => {
  it.each([
    { entry: "main", create: createZoomUsersClient },
    { entry: "lean", create: createLeanClient },
  ])("of the $entry entry names this package and its version", async ({ create }) => {
    const agents: (string | null)[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      agents.push(new Request(input, init).headers.get("user-agent"));
      return Response.json({ users: [] });
    };
    await create({ auth: "t", fetch }).GET("/users");
    expect(agents).toHaveLength(1);
    expect(agents[0]?.startsWith(`${pkg.name}/${pkg.version} clipkit-core/`)).toBe(true);
  });
});
