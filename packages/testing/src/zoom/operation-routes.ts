// Which spec operation an API request addresses, for the fake's account-wide rules (rate-limit
// categories, scopes): each operation of the bundled Zoom specs as a path pattern.
import { specs } from "../../specs/index.js";
import type { OpenApiDocument } from "../spec/specs.js";

const METHODS = ["get", "put", "post", "delete", "patch"];

export interface OperationRoute {
  method: string;
  pattern: RegExp;
  literals: number;
  operation: OpenApiDocument;
}

/** Every Zoom API the fakes serve. */
export const ZOOM_DOCUMENTS = (): OpenApiDocument[] => [
  specs["zoom-cloud-recording"],
  specs["zoom-clips"],
  specs["zoom-users"],
];

/** The operations of `documents`, the most literal template first (`/recordings/settings` before `/recordings/{id}`). */
export function operationRoutes(documents: OpenApiDocument[]): OperationRoute[] {
  const routes: OperationRoute[] = [];
  for (const doc of documents) {
    for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, OpenApiDocument][]) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const segments = path.split("/").filter(Boolean);
        const pattern = new RegExp(
          `^/${segments.map((s) => (s.startsWith("{") ? "[^/]+" : s.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))).join("/")}$`,
        );
        const literals = segments.filter((s) => !s.startsWith("{")).length;
        routes.push({ method: method.toUpperCase(), pattern, literals, operation });
      }
    }
  }
  return routes.sort((a, b) => b.literals - a.literals);
}

/** The operation `method` `path` (under `/v2`) addresses, if any. */
export function operationOf(
  routes: OperationRoute[],
  method: string,
  path: string,
): OpenApiDocument | undefined {
  return routes.find((r) => r.method === method && r.pattern.test(path))?.operation;
}
