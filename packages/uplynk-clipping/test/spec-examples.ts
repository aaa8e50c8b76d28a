import { readFileSync } from "node:fs";
import { parse } from "yaml";

export const specPath = new URL("../../../specs/uplynk-clipping.yaml", import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: the spec is read as plain data to compare with.
export const spec: any = parse(readFileSync(specPath, "utf8"));

export type Method = "get" | "post" | "delete";

// biome-ignore lint/suspicious/noExplicitAny: plain spec data.
function resolve(node: any): any {
  if (!node?.$ref) return node;
  const [, , section, name] = node.$ref.split("/");
  return spec.components[section][name];
}

/** The first named example (or the named one) of a response of an operation, from the spec. */
export function responseExample(
  path: string,
  method: Method,
  status: number,
  name?: string,
): { name: string; value: unknown } {
  const response = resolve(spec.paths[path][method].responses[String(status)]);
  if (!response) throw new Error(`${method.toUpperCase()} ${path} documents no ${status}`);
  const examples = response.content["application/json"].examples as Record<
    string,
    { value: unknown }
  >;
  const key = name ?? Object.keys(examples)[0];
  const example = key === undefined ? undefined : examples[key];
  if (!key || !example) throw new Error(`no example ${name} for ${status} of ${method} ${path}`);
  return { name: key, value: example.value };
}

/** Every documented status of an operation, read from the spec. */
export function documentedStatuses(path: string, method: Method): number[] {
  return Object.keys(spec.paths[path][method].responses).map(Number);
}

/** The named request-body examples of an operation. */
export function requestExamples(path: string, method: Method): Record<string, unknown> {
  const examples = spec.paths[path][method].requestBody.content["application/json"].examples;
  return Object.fromEntries(
    Object.entries(examples as Record<string, { value: unknown }>).map(([key, ex]) => [
      key,
      ex.value,
    ]),
  );
}

/** Every operation in the spec as `[path, method, operationId]`. */
export function operations(): Array<{ path: string; method: Method; operationId: string }> {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { operationId?: string }>)
      .filter(([method]) => ["get", "post", "delete", "patch", "put"].includes(method))
      .map(([method, op]) => ({
        path,
        method: method as Method,
        operationId: op.operationId as string,
      })),
  );
}
