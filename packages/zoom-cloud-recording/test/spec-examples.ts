import { readFileSync } from "node:fs";
import { parse } from "yaml";

const specPath = new URL("../../../specs/zoom-cloud-recording.yaml", import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: the spec is read as plain data to compare with.
const spec: any = parse(readFileSync(specPath, "utf8"));

const operation = spec.paths["/users/{userId}/recordings"].get;

/** The named example of one response of listRecordings, read straight from the spec. */
export function responseExample(status: string, name: string): unknown {
  let response = operation.responses[status];
  if (response.$ref) response = spec.components.responses[response.$ref.split("/").pop()];
  const example = response.content["application/json"].examples[name];
  if (!example) throw new Error(`no example ${name} for ${status}`);
  return example.value;
}

/** Every documented status of listRecordings with the name of its first example. */
export function documentedErrors(): Array<{ status: number; example: string }> {
  return Object.keys(operation.responses)
    .filter((status) => Number(status) >= 400)
    .map((status) => {
      let response = operation.responses[status];
      if (response.$ref) response = spec.components.responses[response.$ref.split("/").pop()];
      return {
        status: Number(status),
        example: Object.keys(response.content["application/json"].examples)[0] as string,
      };
    });
}
