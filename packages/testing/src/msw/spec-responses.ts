import type { OpenApiDocument } from "../spec/specs.js";

/** An operation of a spec, with the base URL it is served from. */
export interface SpecOperation {
  method: string;
  template: string;
  /** The operation's own `servers` entry, else the spec's first. */
  server: string;
  // biome-ignore lint/suspicious/noExplicitAny: plain spec data.
  op: any;
}

export function specOperations(spec: OpenApiDocument): SpecOperation[] {
  const found: SpecOperation[] = [];
  for (const [template, item] of Object.entries<OpenApiDocument>(spec.paths ?? {})) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const op = item[method];
      if (!op) continue;
      const server = op.servers?.[0]?.url ?? item.servers?.[0]?.url ?? spec.servers?.[0]?.url ?? "";
      found.push({ method, template, server, op });
    }
  }
  return found;
}

export interface CannedResponse {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

/**
 * What an operation answers by default, as Prism does: its lowest 2xx with the first JSON
 * example; a documented redirect (with its `Location` example) when the 2xx is binary.
 */
export function exampleResponse(spec: OpenApiDocument, operation: SpecOperation): CannedResponse {
  // biome-ignore lint/suspicious/noExplicitAny: plain spec data.
  const resolve = (node: any): any => {
    if (!node?.$ref) return node;
    const [, , section, name] = node.$ref.split("/");
    return resolve(spec.components?.[section]?.[name]);
  };
  const responses = operation.op.responses ?? {};
  const statuses = Object.keys(responses)
    .filter((s) => /^\d{3}$/.test(s))
    .map(Number)
    .sort();
  const success = statuses.find((s) => s >= 200 && s < 300);
  const redirect = statuses.find((s) => s >= 300 && s < 400);
  const answer = success === undefined ? undefined : resolve(responses[String(success)]);
  const media = answer?.content?.["application/json"];
  if (success !== undefined && (media || !answer?.content)) {
    if (!media) return { status: success };
    const first = Object.values(media.examples ?? {})[0];
    return { status: success, json: resolve(first)?.value ?? media.example ?? {} };
  }
  if (redirect !== undefined) {
    const headers = resolve(responses[String(redirect)])?.headers ?? {};
    const location = resolve(headers.Location ?? headers.location);
    return {
      status: redirect,
      headers: { location: String(location?.example ?? location?.schema?.example ?? "") },
    };
  }
  return { status: success ?? 200 };
}
