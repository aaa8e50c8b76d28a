// The fake grants scopes as Zoom does: its token response carries them (`scope`), and a call
// to an operation whose scopes the token holds none of is refused with 400 code 4711.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startZoomFake, type ZoomFake, type ZoomFakeOptions } from "../../src/index.js";
import { everyScope, scopeCheck } from "../../src/zoom/granted-scopes.js";

const spec = parse(
  readFileSync(new URL("../../../../specs/zoom-cloud-recording.yaml", import.meta.url), "utf8"),
);
const LIST_GRANULAR: string[] = spec.paths["/users/{userId}/recordings"].get["x-granular-scopes"];
const LIST_MACRO: string[] = spec.paths["/users/{userId}/recordings"].get["x-macro-scopes"];

let fake: ZoomFake | undefined;
afterEach(() => fake?.close());

async function tokenResponse(options: ZoomFakeOptions) {
  fake = await startZoomFake(options);
  const { clientId, clientSecret, accountId } = fake.credentials;
  const response = await fetch(fake.tokenUrl, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "account_credentials", account_id: accountId }),
  });
  return (await response.json()) as { access_token: string; scope?: string };
}

async function call(method: string, path: string, token: string) {
  const response = await fetch(`${fake?.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
}

describe("the Zoom fake's scopes", () => {
  it("grants every scope the specs list by default, and answers every operation", async () => {
    const { scope, access_token } = await tokenResponse({ users: 1 });
    const granted = scope?.split(" ") ?? [];
    for (const s of [...LIST_GRANULAR, ...LIST_MACRO, "user:read:list_users:admin"]) {
      expect(granted).toContain(s);
    }
    expect((await call("GET", "/users/me/recordings", access_token)).status).toBe(200);
  });

  it.each([
    { given: ["cloud_recording:read:list_user_recordings:admin"], want: 200 },
    { given: ["recording:read:admin"], want: 200 },
    { given: ["user:read:list_users:admin"], want: 400 },
  ])("granted $given: the list answers $want", async ({ given, want }) => {
    const { scope, access_token } = await tokenResponse({ users: 1, grantedScopes: given });
    expect(scope).toBe(given.join(" "));
    const { status, body } = await call("GET", "/users/me/recordings", access_token);
    expect(status).toBe(want);
    if (want === 400) {
      expect(body).toEqual({
        code: 4711,
        message: `Invalid access token, does not contain scopes:[${LIST_GRANULAR.join(", ")}].`,
      });
      // The operation the token may call is still answered.
      expect((await call("GET", "/users", access_token)).status).toBe(200);
    }
  });

  it("null: a token response without scope, and no call refused for scopes", async () => {
    const response = await tokenResponse({ users: 1, grantedScopes: null });
    expect(response).not.toHaveProperty("scope");
    expect((await call("GET", "/users/me/recordings", response.access_token)).status).toBe(200);
  });

  it("an invalid token is refused for the token (124) before any scope check", async () => {
    await tokenResponse({ users: 1, grantedScopes: [] });
    const { status, body } = await call("GET", "/users/me/recordings", "not-a-token");
    expect(status).toBe(401);
    expect(body).toMatchObject({ code: 124 });
  });
});

describe("scopes of an operation, from the spec's x-macro-scopes and x-granular-scopes", () => {
  const documents = [
    {
      paths: {
        "/things": { get: { "x-macro-scopes": ["thing:read"] } },
        "/both": {
          get: { "x-macro-scopes": ["z:macro"], "x-granular-scopes": ["b:one", "a:two"] },
        },
      },
    },
  ];

  it("everyScope lists each scope once, sorted (a stable token `scope`)", () => {
    expect(everyScope([...documents, ...documents])).toEqual([
      "a:two",
      "b:one",
      "thing:read",
      "z:macro",
    ]);
  });

  it("a refusal names the granular scopes, or the macro ones when there are none", () => {
    const check = scopeCheck(["unrelated:scope"], documents);
    expect(() => check("GET", "/both")).toThrow(
      "Invalid access token, does not contain scopes:[b:one, a:two].",
    );
    expect(() => check("GET", "/things")).toThrow(
      "Invalid access token, does not contain scopes:[thing:read].",
    );
    expect(() => scopeCheck(["z:macro"], documents)("GET", "/both")).not.toThrow();
  });
});
