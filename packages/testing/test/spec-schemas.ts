// Checks the fakes' answers against the specs' response schemas with ajv, so a fake that
// drifts from the spec fails its tests.
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import { parse } from "yaml";

const addFormats = formatsModule.default;

// biome-ignore lint/suspicious/noExplicitAny: plain spec data.
type Node = any;

export interface SpecSchemas {
  /** The spec's schema for this response, or undefined when the spec has no such operation. */
  response(method: string, path: string, status: number): ValidateFunction | undefined;
  /** Throws with ajv's message unless `body` matches the spec's response schema. */
  check(method: string, path: string, status: number, body: unknown): void;
  /** A component schema by name, e.g. `ZoomError`. */
  schema(name: string): ValidateFunction;
  spec: Node;
}

export function specSchemas(name: string): SpecSchemas {
  const file = new URL(`../../../specs/${name}.yaml`, import.meta.url);
  const spec = parse(readFileSync(file, "utf8"));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const id = `spec-${name}`;
  const rewrite = (node: unknown) =>
    JSON.parse(JSON.stringify(node).replaceAll("#/components/schemas/", `${id}#/$defs/`));
  ajv.addSchema(rewrite({ $id: id, $defs: spec.components?.schemas ?? {} }));
  const resolve = (node: Node): Node => {
    if (!node?.$ref) return node;
    const [, , section, key] = node.$ref.split("/");
    return spec.components[section][key];
  };
  const cache = new Map<string, ValidateFunction | undefined>();
  function response(method: string, path: string, status: number) {
    const key = `${method} ${path} ${status}`;
    if (cache.has(key)) return cache.get(key);
    const op = spec.paths?.[path]?.[method.toLowerCase()];
    const answer = op
      ? resolve(op.responses?.[String(status)] ?? op.responses?.default)
      : undefined;
    const media = answer?.content?.["application/json"];
    const validate = media?.schema ? ajv.compile(rewrite(media.schema)) : undefined;
    cache.set(key, validate);
    return validate;
  }
  return {
    spec,
    response,
    schema(schemaName) {
      const validate = ajv.getSchema(`${id}#/$defs/${schemaName}`);
      if (!validate) throw new Error(`${name} has no schema ${schemaName}`);
      return validate;
    },
    check(method, path, status, body) {
      const validate = response(method, path, status);
      if (!validate)
        throw new Error(`${name} has no JSON response ${status} for ${method} ${path}`);
      if (!validate(body)) {
        throw new Error(`${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`);
      }
    },
  };
}
