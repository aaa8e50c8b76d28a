import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const specPath = fileURLToPath(new URL("../../../specs/zoom-clips.yaml", import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: the spec is read as plain data to compare with.
export type Json = any;

export const spec: Json = parse(readFileSync(specPath, "utf8"));

export const METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "patch",
  "head",
  "options",
  "trace",
] as const;

/** Follows a local `$ref` (`#/components/...`) until it reaches the object itself. */
export function deref(node: Json): Json {
  let current = node;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const parts = (current.$ref as string).replace(/^#\//, "").split("/");
    current = parts.reduce(
      (at: Json, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
      spec,
    );
    if (current === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  }
  return current;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  op: Json;
  /** Path-level and operation-level parameters, dereferenced. */
  parameters: Json[];
  servers: string[] | undefined;
}

export function operations(): Operation[] {
  return Object.entries(spec.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method: method.toUpperCase(),
      path,
      operationId: item[method].operationId as string,
      op: item[method],
      parameters: [...(item.parameters ?? []), ...(item[method].parameters ?? [])].map(deref),
      servers: (item[method].servers ?? item.servers)?.map((server: Json) => server.url as string),
    })),
  );
}

export interface DocumentedResponse {
  operation: Operation;
  status: number;
  /** The response's example names under application/json (empty when it has no JSON body). */
  examples: string[];
  response: Json;
}

/** Every operation × documented status, with the names of its JSON examples. */
export function documentedResponses(): DocumentedResponse[] {
  return operations().flatMap((operation) =>
    Object.entries(operation.op.responses as Record<string, Json>).map(([status, raw]) => {
      const response = deref(raw);
      const examples = Object.keys(response.content?.["application/json"]?.examples ?? {});
      return { operation, status: Number(status), examples, response };
    }),
  );
}

/** The value of a named JSON example of one response. */
export function responseExample(operationId: string, status: number, name: string): Json {
  const operation = operations().find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId}`);
  const response = deref(operation.op.responses[String(status)]);
  const example = response?.content?.["application/json"]?.examples?.[name];
  if (!example) throw new Error(`no example ${name} for ${operationId} ${status}`);
  return deref(example).value;
}

/** The JSON schema of one response, dereferenced one level. */
export function responseSchema(operationId: string, status: number): Json {
  const operation = operations().find((candidate) => candidate.operationId === operationId);
  const response = deref(operation?.op.responses[String(status)]);
  return deref(response?.content?.["application/json"]?.schema);
}
