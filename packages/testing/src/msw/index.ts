// In-process mocks for unit tests that should not start a server: msw handlers typed from the
// clients' generated `paths` (through openapi-msw), plus default handlers for every operation
// that check the request against the spec and answer its example. Works in Node and browsers.
import { HttpResponse, http } from "msw";
import { type AnyApiSpec, createOpenApiHttp, type OpenApiHttpHandlers } from "openapi-msw";
import { createRequestValidator } from "../spec/request-validator.js";
import { loadSpec, type MockApi } from "../spec/specs.js";
import { exampleResponse, specOperations } from "./spec-responses.js";

export interface MswHandlersOptions {
  /** Where the API is mocked. Default: the spec's server (`https://api.zoom.us/v2`…). */
  baseUrl?: string;
  /** Zoom Clips' upload host. Default: the spec's (`https://fileapi.zoom.us/v2`). */
  fileBaseUrl?: string;
  /** Answer a request the spec forbids with Prism's 422 and `sl-violations`. Default true. */
  validateRequests?: boolean;
}

export interface MswHandlers<Paths extends AnyApiSpec> {
  /** openapi-msw's typed `http` on the API's base URL: `api.http.get("/clips/{clipId}", …)`. */
  http: OpenApiHttpHandlers<Paths>;
  /** The same on the upload host (Zoom Clips' `/clips/files…`); `http` elsewhere. */
  fileHttp: OpenApiHttpHandlers<Paths>;
  /** A handler for every operation of the spec: validate, then answer the spec's example. */
  handlers: ReturnType<typeof http.all>[];
}

const toMswPath = (template: string) => template.replace(/\{([^}]+)\}/g, ":$1");

/**
 * msw handlers for one API. Pass the client's generated `paths` for typed handlers:
 *
 *   import type { paths } from "@clipkit/zoom-clips";
 *   const clips = createMswHandlers<paths>("zoom-clips");
 *   const server = setupServer(...clips.handlers);   // or setupWorker in a browser
 *   server.use(clips.http.get("/clips/{clipId}", ({ params, response }) =>
 *     response(200).json({ clip_id: params.clipId, title: "Mine" })));
 */
export function createMswHandlers<Paths extends AnyApiSpec = AnyApiSpec>(
  api: MockApi,
  options: MswHandlersOptions = {},
): MswHandlers<Paths> {
  const spec = loadSpec(api);
  const specBase = spec.servers?.[0]?.url ?? "";
  const baseUrl = (options.baseUrl ?? specBase).replace(/\/$/, "");
  const operations = specOperations(spec);
  const fileServer = operations.find((o) => o.server !== specBase)?.server;
  const fileBaseUrl = (options.fileBaseUrl ?? fileServer ?? baseUrl).replace(/\/$/, "");
  const validate = options.validateRequests === false ? undefined : createRequestValidator(spec);

  const handlers = operations.map((operation) => {
    const base = operation.server === specBase ? baseUrl : fileBaseUrl;
    const method = operation.method as "get" | "post" | "put" | "patch" | "delete";
    return http[method](`${base}${toMswPath(operation.template)}`, async ({ request }) => {
      if (validate) {
        const url = new URL(request.url);
        const path = url.pathname.slice(new URL(base).pathname.replace(/\/$/, "").length);
        const isJson = (request.headers.get("content-type") ?? "").includes("json");
        const text = isJson ? await request.clone().text() : "";
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        const { violations } = validate(
          request.method,
          path,
          url.searchParams,
          Object.fromEntries(request.headers),
          body,
        );
        if (violations.length > 0) {
          return HttpResponse.json(
            {
              type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
              title: "Invalid request",
              status: 422,
              validation: violations,
            },
            {
              status: 422,
              headers: {
                "content-type": "application/problem+json",
                "sl-violations": JSON.stringify(violations),
              },
            },
          );
        }
      }
      const canned = exampleResponse(spec, operation);
      if (canned.json === undefined)
        return new HttpResponse(null, {
          status: canned.status,
          ...(canned.headers ? { headers: canned.headers } : {}),
        });
      return HttpResponse.json(canned.json, { status: canned.status });
    });
  });

  return {
    http: createOpenApiHttp<Paths>({ baseUrl }),
    fileHttp: createOpenApiHttp<Paths>({ baseUrl: fileBaseUrl }),
    handlers,
  };
}

export { SpecViolationError, strictFetch } from "../prism/strict-fetch.js";
export type { MockApi } from "../spec/specs.js";
