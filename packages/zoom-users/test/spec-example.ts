import { readFileSync } from "node:fs";
import { parse } from "yaml";

// biome-ignore lint/suspicious/noExplicitAny: the spec is read as plain data to compare with.
type Json = any;

const specPath = new URL("../../../specs/zoom-users.yaml", import.meta.url);
export const spec: Json = parse(readFileSync(specPath, "utf8"));

const resolve = (node: Json): Json =>
  typeof node?.$ref === "string"
    ? resolve(
        node.$ref
          .slice(2)
          .split("/")
          .reduce((at: Json, key: string) => at?.[key], spec),
      )
    : node;

/** The JSON example the spec documents for `status` of `method path`, as Prism serves it. */
export function responseExample(
  method: string,
  path: string,
  status: string,
  name?: string,
): unknown {
  const response = resolve(spec.paths[path][method].responses[status]);
  const media = response?.content?.["application/json"];
  if (!media) return undefined;
  if (name) return resolve(media.examples[name]).value;
  return media.example ?? media.schema?.example ?? resolve(media.schema)?.example;
}

/** Every documented status of an operation, with its examples' names. */
export function documentedStatuses(
  method: string,
  path: string,
): Array<{ status: string; examples: string[] }> {
  return Object.entries<Json>(spec.paths[path][method].responses).map(([status, response]) => ({
    status,
    examples: Object.keys(resolve(response)?.content?.["application/json"]?.examples ?? {}),
  }));
}
