// Both operations against Prism: each documented status is forced in turn, with each of its
// examples, and must reach the caller as the spec's example says; every request the client
// sends must be one the spec allows (strictFetch fails the test on a Prism validation error).
import { strictFetch } from "@clipkit/contract-harness";
import { describe, expect, inject, it } from "vitest";
import {
  ClipKitValidationError,
  createZoomUsersClient,
  type ListedUser,
  type ZoomUsersClient,
} from "../src/index.js";
import { documentedStatuses, responseExample, spec } from "./spec-example.js";

const client = () =>
  createZoomUsersClient({
    auth: "test-token",
    baseUrl: inject("prismUrl"),
    fetch: strictFetch(),
    maxRetries: 0,
  });

type Result = { data?: unknown; error?: unknown; response: Response };
interface Case {
  operation: ["get", string];
  call: (zoom: ZoomUsersClient, headers: Record<string, string>) => Promise<Result>;
}

const cases: Case[] = [
  {
    operation: ["get", "/users"],
    call: (zoom, headers) =>
      zoom.GET("/users", {
        params: {
          query: {
            status: "inactive",
            page_size: 300,
            role_id: "0",
            include_fields: "host_key",
            next_page_token: "IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2",
            license: "zoom_workforce_management",
          },
        },
        headers,
      }),
  },
  {
    operation: ["get", "/users/{userId}"],
    call: (zoom, headers) =>
      zoom.GET("/users/{userId}", {
        params: {
          path: { userId: "jchill@example.com" },
          query: { login_type: 101, encrypted_email: false, search_by_unique_id: false },
        },
        headers,
      }),
  },
];

const rows = cases.flatMap(({ operation, call }) =>
  documentedStatuses(...operation).flatMap(({ status, examples }) =>
    (examples.length > 0 ? examples : [undefined]).map((example) => ({
      name: `${operation[0].toUpperCase()} ${operation[1]} ${status}${example ? ` ${example}` : ""}`,
      operation,
      call,
      status,
      example,
    })),
  ),
);

describe("the Users operations against Prism", () => {
  it("covers every operation of the spec and every status each documents", () => {
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`),
    );
    expect(cases.map(({ operation }) => operation.join(" ")).sort()).toEqual(operations.sort());
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(["200", "400", "401", "403", "404", "429"]),
    );
  });

  it.each(rows.map((row) => [row.name, row] as const))("%s", async (_, row) => {
    const { operation, call, status, example } = row;
    const prefer = `code=${status}${example ? `, example=${example}` : ""}`;
    const { data, error, response } = await call(client(), { Prefer: prefer });
    expect(response.status).toBe(Number(status));
    const want = example ? responseExample(...operation, status, example) : undefined;
    expect(want, "every documented response has a JSON example").toBeDefined();
    if (Number(status) >= 400) {
      expect(data).toBeUndefined();
      expect(error).toEqual(want);
    } else {
      expect(error).toBeUndefined();
      expect(data).toEqual(want);
    }
  });

  it("paginate follows next_page_token until the listing ends", async () => {
    const seen: ListedUser[] = [];
    const pages: unknown[] = [];
    const zoom = client();
    for await (const page of zoom
      .paginate("/users", { query: { status: "active", page_size: 30 } })
      .pages()) {
      pages.push(page);
      if (pages.length === 2) break;
    }
    // Prism answers every page with the same example, whose next_page_token is set: the
    // pager asks for a second page with that token.
    expect(pages).toHaveLength(2);
    for (const page of pages) seen.push(...(page as { users: ListedUser[] }).users);
    expect(seen.map((u) => u.email)).toHaveLength(2);
  });

  it.each([
    ["a status outside active|inactive|pending", { status: "deleted" }],
    ["a page_size above 2000", { page_size: 2001 }],
    ["an include_fields value Zoom does not know", { include_fields: "password" }],
  ])("refuses %s before anything is sent", async (_, query) => {
    let sent = 0;
    const zoom = createZoomUsersClient({
      auth: "test-token",
      baseUrl: inject("prismUrl"),
      fetch: async (input, init) => {
        sent++;
        return fetch(input, init);
      },
    });
    // @ts-expect-error -- deliberately outside the spec
    await expect(zoom.GET("/users", { params: { query } })).rejects.toThrow(ClipKitValidationError);
    expect(sent).toBe(0);
  });
});
