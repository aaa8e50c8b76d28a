import { readFileSync } from "node:fs";
import { parse } from "yaml";

const specPath = new URL("../../../specs/zoom-cloud-recording.yaml", import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: the spec is read as plain data to compare with.
export const spec: any = parse(readFileSync(specPath, "utf8"));

type Method = "get" | "put" | "post" | "delete" | "patch";
// biome-ignore lint/suspicious/noExplicitAny: plain data.
type Json = any;

const LIST: [string, Method] = ["/users/{userId}/recordings", "get"];

/** `{ $ref: "#/components/<kind>/<name>" }` → the object it names; anything else as is. */
function deref(node: Json): Json {
  if (!node?.$ref) return node;
  const [, , kind, name] = (node.$ref as string).split("/");
  return spec.components[kind as string][name as string];
}

function response(status: string, [path, method]: [string, Method]): Json {
  const found = spec.paths[path]?.[method]?.responses?.[status];
  if (!found) throw new Error(`${method.toUpperCase()} ${path} documents no ${status}`);
  return deref(found);
}

/** The named example of one response, read straight from the spec (listRecordings by default). */
export function responseExample(status: string, name: string, operation = LIST): unknown {
  const example = response(status, operation).content["application/json"].examples[name];
  if (!example) throw new Error(`no example ${name} for ${status}`);
  return deref(example).value;
}

/** The first named example of an operation's request body. */
export function requestExample(operation: [string, Method]): unknown {
  const [path, method] = operation;
  const examples = spec.paths[path][method].requestBody.content["application/json"].examples;
  return deref(Object.values(examples)[0]).value;
}

/** Every documented status of an operation, with its examples' names (none for no body). */
export function documentedStatuses(
  operation: [string, Method],
): Array<{ status: number; examples: string[] }> {
  const [path, method] = operation;
  return Object.keys(spec.paths[path][method].responses).map((status) => ({
    status: Number(status),
    examples: Object.keys(
      response(status, operation).content?.["application/json"]?.examples ?? {},
    ),
  }));
}

/** Every documented error status of listRecordings with the name of its first example. */
export function documentedErrors(): Array<{ status: number; example: string }> {
  return documentedStatuses(LIST)
    .filter(({ status }) => status >= 400)
    .map(({ status, examples }) => ({ status, example: examples[0] as string }));
}
