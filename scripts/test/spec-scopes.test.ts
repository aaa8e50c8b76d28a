// Scopes are traceable: every scope a Zoom spec lists for an operation is the one Zoom's
// published document (specs/sources/published/) lists for it, in the same order; an operation
// the published extracts lack takes its scopes from the seed document, which must name them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../lib/workspace.ts";

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked as plain JSON.
type Json = any;
const METHODS = ["get", "put", "post", "patch", "delete"];
const sources = join(repoRoot, "specs", "sources");

const CASES = [
  {
    spec: "zoom-cloud-recording",
    published: ["zoom-meetings.cloud-recording.json"],
    seeds: [] as string[],
  },
  {
    spec: "zoom-clips",
    published: ["zoom-clips.endpoints.json", "zoom-clips.master.json"],
    seeds: ["000_0e9d272707f4a911.txt"],
  },
  { spec: "zoom-users", published: ["zoom-users.users.json"], seeds: [] as string[] },
];

function operations(doc: Json): [string, Json][] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Json)[m]).map((m): [string, Json] => [
      `${m.toUpperCase()} ${path}`,
      (item as Json)[m],
    ]),
  );
}

/** The scopes of an operation, as the spec lists them and as Zoom's documents list them. */
const listed = (op: Json) => ({
  macro: op["x-macro-scopes"] ?? [],
  granular: op["x-granular-scopes"] ?? [],
});

describe.each(CASES)("the $spec spec", ({ spec, published, seeds }) => {
  const mine = operations(parse(readFileSync(join(repoRoot, "specs", `${spec}.yaml`), "utf8")));
  const theirs = new Map(
    published.flatMap((file) =>
      operations(JSON.parse(readFileSync(join(sources, "published", file), "utf8"))),
    ),
  );
  const seedText = seeds.map((file) => readFileSync(join(sources, file), "utf8")).join("\n");

  it("lists scopes on every operation", () => {
    const without = mine.filter(([, op]) => {
      const { macro, granular } = listed(op);
      return macro.length + granular.length === 0;
    });
    expect(without.map(([key]) => key)).toEqual([]);
  });

  it.each(mine)("%s: the published scopes, or the seed's", (key, op) => {
    const source = theirs.get(key);
    if (source) {
      expect(listed(op)).toEqual(listed(source["x-extensions"] ?? {}));
      return;
    }
    const { macro, granular } = listed(op);
    expect(seedText, `${key} is in no published extract and no seed`).not.toBe("");
    for (const scope of [...macro, ...granular]) {
      expect(seedText).toMatch(new RegExp(`[:\\s,]${scope.replaceAll(":", "\\:")}(,|\\s|$)`));
    }
  });
});
