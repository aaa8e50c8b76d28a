import { afterEach, describe, expect, it } from "vitest";
import {
  BadRequestError,
  createApiClient,
  MissingScopesError,
  unwrap,
  type VendorProfile,
} from "../src/index.js";
import { grantsScopes, type OperationTable } from "../src/internal.js";
import { json, startServer, type TestServer } from "./helpers/server.js";
import { testVendor } from "./helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Paths {
  "/things": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/other": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
}

const SCHEMAS: OperationTable = {
  "GET /things": {
    scopes: { macro: ["thing:read"], granular: ["thing:read:list", "thing:read:list:admin"] },
  },
  "GET /other": {},
};
const TOKEN = "tok-secret-4711";
const REFUSAL = { code: 4711, message: "Invalid access token, does not contain scopes:[x]." };
const vendor: VendorProfile = {
  ...testVendor,
  isMissingScopes: (response, body) =>
    response.status === 400 && (body as { code?: unknown })?.code === 4711,
};

async function refusingClient(withScopes: boolean, profile = vendor) {
  server = await startServer((_req, res) => json(res, 400, REFUSAL));
  const client = createApiClient<Paths>({
    baseUrl: server.url,
    vendor: profile,
    auth: {
      authorize: async (request) => {
        request.headers.set("Authorization", `Bearer ${TOKEN}`);
        return request;
      },
    },
    maxRetries: 0,
    ...(withScopes ? { operations: SCHEMAS } : {}),
  });
  return client;
}

describe("a refusal for missing scopes", () => {
  it("is a MissingScopesError naming the operation's granular and macro scopes, never the token", async () => {
    const client = await refusingClient(true);
    const error = await unwrap(client.GET("/things")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingScopesError);
    expect(error).toMatchObject({
      name: "MissingScopesError",
      status: 400,
      code: 4711,
      requiredScopes: SCHEMAS["GET /things"]?.scopes,
    });
    const { message } = error as Error;
    expect(message).toContain("4711: Invalid access token, does not contain scopes:[x].");
    expect(message).toContain(
      "needs one of the granular scopes thing:read:list, thing:read:list:admin, or one of the scopes thing:read",
    );
    expect((error as MissingScopesError).toJSON()).toMatchObject({
      requiredScopes: SCHEMAS["GET /things"]?.scopes,
    });
    expect(`${message} ${JSON.stringify(error)}`).not.toContain(TOKEN);
  });

  it("of an operation the table lists no scopes for is still typed, with none named", async () => {
    const client = await refusingClient(true);
    const error = await unwrap(client.GET("/other")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingScopesError);
    expect((error as MissingScopesError).requiredScopes).toBeUndefined();
    expect((error as Error).message).not.toContain("needs one of");
  });

  it("without the middleware, names nothing; a vendor that does not recognise it gives the status class", async () => {
    const bare = await refusingClient(false);
    const untold = await unwrap(bare.GET("/things")).catch((e: unknown) => e);
    expect((untold as MissingScopesError).requiredScopes).toBeUndefined();
    await server?.close();
    const plain = await refusingClient(true, testVendor);
    const error = await unwrap(plain.GET("/things")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).not.toBeInstanceOf(MissingScopesError);
  });
});

describe("grantsScopes", () => {
  const scopes = { macro: ["recording:read:admin"], granular: ["cloud_recording:read:list:admin"] };
  it.each([
    { granted: ["recording:read:admin"], want: true },
    { granted: ["other", "cloud_recording:read:list:admin"], want: true },
    { granted: ["recording:read"], want: false },
    { granted: [], want: false },
  ])("$granted -> $want", ({ granted, want }) => {
    expect(grantsScopes(granted, scopes)).toBe(want);
  });
});
