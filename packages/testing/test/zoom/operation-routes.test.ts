// Which operation a request addresses decides its rate-limit category and scopes: the most
// literal path template wins, and only the request's own method counts.
import { describe, expect, it } from "vitest";
import { operationOf, operationRoutes } from "../../src/zoom/operation-routes.js";

// The template comes before the literal path on purpose: the routes must reorder them.
const document = {
  paths: {
    "/recordings/{meetingId}": {
      get: { operationId: "getRecording" },
      put: { operationId: "putRecording" },
      post: { operationId: "postRecording" },
      delete: { operationId: "deleteRecording" },
      patch: { operationId: "patchRecording" },
      parameters: [],
    },
    "/recordings/settings": { get: { operationId: "getSettings" } },
    "/report.csv": { get: { operationId: "getReport" } },
  },
};
const routes = operationRoutes([document, { openapi: "3.0.0" }]);

describe("operationOf", () => {
  it.each([
    { method: "GET", path: "/recordings/settings", want: "getSettings" },
    { method: "GET", path: "/recordings/abc%3D%3D", want: "getRecording" },
    { method: "PUT", path: "/recordings/abc", want: "putRecording" },
    { method: "DELETE", path: "/recordings/abc", want: "deleteRecording" },
    { method: "PATCH", path: "/recordings/abc", want: "patchRecording" },
    // settings has no POST: the template's POST answers, not an empty route of settings.
    { method: "POST", path: "/recordings/settings", want: "postRecording" },
    { method: "GET", path: "/report.csv", want: "getReport" },
    { method: "GET", path: "/reportxcsv", want: undefined },
    { method: "POST", path: "/report.csv", want: undefined },
    { method: "GET", path: "/recordings", want: undefined },
    { method: "GET", path: "/recordings/abc/files", want: undefined },
    { method: "GET", path: "/v2/recordings/settings", want: undefined },
  ])("$method $path is $want", ({ method, path, want }) => {
    expect(operationOf(routes, method, path)?.operationId).toBe(want);
  });

  it("makes a route of each method an operation has, and none of other keys", () => {
    expect(routes.map((r) => `${r.method} ${r.literals}`).sort()).toEqual([
      "DELETE 1",
      "GET 1",
      "GET 1",
      "GET 2",
      "PATCH 1",
      "POST 1",
      "PUT 1",
    ]);
  });
});
