import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import type { OpenApiDocument } from "./specs.js";

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = formatsModule.default;

/** One way a request breaks the spec, in the shape Prism reports in `sl-violations`. */
export interface Violation {
  location: string[];
  severity: "Error";
  code: string;
  message: string;
}

interface Param {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  type: string | undefined;
  validate: ValidateFunction;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  params: Param[];
  body: ValidateFunction | undefined;
  bodyRequired: boolean;
}

export interface RequestCheck {
  /** The spec's path template, e.g. `/clips/{clipId}`, or undefined when no path matches. */
  template: string | undefined;
  violations: Violation[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

/** Turns a query or path string into the type its schema wants, as Prism does. */
function coerce(raw: string, type: string | undefined): unknown {
  if (
    (type === "integer" || type === "number") &&
    raw.trim() !== "" &&
    !Number.isNaN(Number(raw))
  ) {
    return Number(raw);
  }
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/**
 * A request validator for one OpenAPI 3.1 document: path, query and header parameters and
 * JSON bodies against their schemas, reporting what Prism's validator would.
 */
export function createRequestValidator(spec: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const id = "spec";
  const rewrite = (node: unknown) =>
    JSON.parse(JSON.stringify(node ?? {}).replaceAll("#/components/schemas/", `${id}#/$defs/`));
  ajv.addSchema(rewrite({ $id: id, $defs: spec.components?.schemas ?? {} }));
  // biome-ignore lint/suspicious/noExplicitAny: plain spec data.
  const resolve = (node: any): any => {
    if (!node?.$ref) return node;
    const [, , section, name] = node.$ref.split("/");
    return spec.components[section][name];
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<OpenApiDocument>(spec.paths ?? {})) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const op = item[method];
      if (!op) continue;
      const names: string[] = [];
      const pattern = new RegExp(
        `^${template
          .split(/(\{[^}]+\})/)
          .map((part) => {
            if (!part.startsWith("{")) return escapeRegExp(part);
            names.push(part.slice(1, -1));
            return "([^/]+)";
          })
          .join("")}$`,
      );
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .map(resolve)
        .filter((p) => p.in === "path" || p.in === "query" || p.in === "header")
        .map(
          (p): Param => ({
            name: p.in === "header" ? String(p.name).toLowerCase() : p.name,
            in: p.in,
            required: p.required === true,
            type: resolve(p.schema)?.type,
            validate: ajv.compile(rewrite(p.schema)),
          }),
        );
      const requestBody = resolve(op.requestBody);
      const json = requestBody?.content?.["application/json"]?.schema;
      operations.push({
        method: method.toUpperCase(),
        template,
        pattern,
        names,
        params,
        body: json ? ajv.compile(rewrite(json)) : undefined,
        bodyRequired: requestBody?.required === true && json !== undefined,
      });
    }
  }
  // Literal segments win over parameters (`/clips/transfers` before `/clips/{clipId}`).
  operations.sort((a, b) => a.names.length - b.names.length);

  const describe = (validate: ValidateFunction, prefix: string) =>
    (validate.errors ?? []).map((e) => `${prefix}${e.instancePath} ${e.message ?? "is invalid"}`);

  return function check(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: Record<string, string | string[] | undefined>,
    body?: unknown,
  ): RequestCheck {
    const byPath = operations.filter((op) => op.pattern.test(path));
    const op = byPath.find((o) => o.method === method.toUpperCase());
    if (!op) {
      return {
        template: byPath[0]?.template,
        violations: [
          {
            location: ["request"],
            severity: "Error",
            code: byPath.length > 0 ? "NO_METHOD_MATCHED_ERROR" : "NO_PATH_MATCHED_ERROR",
            message:
              byPath.length > 0
                ? `${method} is not an operation of ${byPath[0]?.template}`
                : `no path of the spec matches ${path}`,
          },
        ],
      };
    }
    const violations: Violation[] = [];
    const match = op.pattern.exec(path);
    for (const param of op.params) {
      let value: unknown;
      if (param.in === "path") {
        const raw = match?.[op.names.indexOf(param.name) + 1];
        value = raw === undefined ? undefined : coerce(decodeURIComponent(raw), param.type);
      } else if (param.in === "query") {
        const all = query.getAll(param.name);
        value =
          all.length === 0
            ? undefined
            : param.type === "array"
              ? all
              : coerce(all[0] ?? "", param.type);
      } else {
        const raw = headers[param.name];
        value = raw === undefined ? undefined : coerce(String(raw), param.type);
      }
      if (value === undefined) {
        if (param.required) {
          violations.push({
            location: [param.in, param.name],
            severity: "Error",
            code: "required",
            message: `${param.in} parameter ${param.name} is required`,
          });
        }
        continue;
      }
      if (!param.validate(value)) {
        for (const message of describe(param.validate, `${param.in} parameter ${param.name}`)) {
          violations.push({
            location: [param.in, param.name],
            severity: "Error",
            code: param.validate.errors?.[0]?.keyword ?? "schema",
            message,
          });
        }
      }
    }
    if (op.body) {
      if (body === undefined) {
        if (op.bodyRequired)
          violations.push({
            location: ["body"],
            severity: "Error",
            code: "required",
            message: "request body is required",
          });
      } else if (!op.body(body)) {
        for (const message of describe(op.body, "request body")) {
          violations.push({
            location: ["body"],
            severity: "Error",
            code: op.body.errors?.[0]?.keyword ?? "schema",
            message,
          });
        }
      }
    }
    return { template: op.template, violations };
  };
}

export type RequestValidator = ReturnType<typeof createRequestValidator>;
