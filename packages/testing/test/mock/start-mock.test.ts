// startMock and the global setups as a user's test config calls them (no client package here:
// the client factories are stand-ins that return the options they get).
import { afterEach, describe, expect, it } from "vitest";
import {
  connectMock,
  jestGlobalSetup,
  jestGlobalTeardown,
  type Mock,
  type MockApi,
  SpecViolationError,
  startMock,
  startPrism,
  vitestGlobalSetup,
} from "../../src/index.js";
import { specPath } from "../../src/spec/spec-file.js";

const mocks: Mock[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});
async function started<M extends Mock>(mock: Promise<M>): Promise<M> {
  const m = await mock;
  mocks.push(m);
  return m;
}
const echo = <O>(options: O) => options;

describe("startMock, stateful", () => {
  it("zoom-clips: the fake's URLs, app, a token it accepts, and the fake itself", async () => {
    const mock = await started(
      startMock("zoom-clips", { mode: "stateful", fake: { clipsPerUser: 3 } }),
    );
    const fake = mock.fake;
    if (!fake) throw new Error("stateful mode has a fake");
    expect(mock).toMatchObject({
      api: "zoom-clips",
      mode: "stateful",
      baseUrl: fake.baseUrl,
      fileBaseUrl: fake.fileBaseUrl,
      tokenUrl: fake.tokenUrl,
      credentials: fake.credentials,
      trustedOrigins: [fake.origin],
    });
    expect(fake.state.clips).toHaveLength(6);
    const options = mock.clientOptions();
    expect(options).toMatchObject({
      baseUrl: fake.baseUrl,
      fileBaseUrl: fake.fileBaseUrl,
      auth: mock.token,
    });
    const clips = await options.fetch(`${mock.baseUrl}/clips`, {
      headers: { authorization: `Bearer ${mock.token}` },
    });
    expect(clips.status).toBe(200);
    expect(mock.client(echo, { maxRetries: 0 })).toMatchObject({
      baseUrl: fake.baseUrl,
      maxRetries: 0,
    });
    await mock.close();
    mocks.splice(0);
    await expect(fetch(mock.baseUrl)).rejects.toThrow();
  });

  it("zoom-cloud-recording: no separate upload host", async () => {
    const mock = await started(startMock("zoom-cloud-recording", { mode: "stateful" }));
    expect(mock.fileBaseUrl).toBe(mock.baseUrl);
    expect(mock.trustedOrigins).toEqual([mock.fake?.origin]);
    const options = mock.clientOptions();
    expect(Object.keys(options).sort()).toEqual(["auth", "baseUrl", "fetch"]);
    expect(options.auth).toBe(mock.token);
  });

  it("uplynk-clipping: the signing account instead of a token", async () => {
    const mock = await started(
      startMock("uplynk-clipping", { mode: "stateful", fake: { owner: "o1", apiKey: "k1" } }),
    );
    expect(mock).toMatchObject({
      api: "uplynk-clipping",
      baseUrl: mock.fake?.baseUrl,
      fileBaseUrl: mock.fake?.baseUrl,
      tokenUrl: undefined,
      token: undefined,
      credentials: { owner: "o1", apiKey: "k1" },
      trustedOrigins: [],
    });
    const options = mock.clientOptions();
    expect(options).toMatchObject({ baseUrl: mock.baseUrl, owner: "o1", apiKey: "k1" });
    expect(typeof options.fetch).toBe("function");
  });

  it("answers requests the spec forbids with a SpecViolationError, unless told not to check", async () => {
    const checked = await started(startMock("zoom-cloud-recording", { mode: "stateful" }));
    const { fetch: strict, auth } = checked.clientOptions();
    const url = `${checked.baseUrl}/users/me/recordings?page_size=500`;
    await expect(
      strict(url, { headers: { authorization: `Bearer ${auth}` } }),
    ).rejects.toBeInstanceOf(SpecViolationError);
    const loose = await started(
      startMock("zoom-cloud-recording", { mode: "stateful", validateRequests: false }),
    );
    const answer = await loose
      .clientOptions()
      .fetch(`${loose.baseUrl}/users/me/recordings?page_size=500`, {
        headers: { authorization: `Bearer ${loose.token}` },
      });
    expect(answer.status).toBe(400);
  });

  it("refuses an unknown API before starting anything", async () => {
    await expect(startMock("zoom-meetings" as MockApi, { mode: "stateful" })).rejects.toThrow(
      'unknown API "zoom-meetings"; expected one of zoom-clips, zoom-cloud-recording, uplynk-clipping',
    );
  });

  it("refuses an unknown mode", async () => {
    await expect(startMock("zoom-clips", { mode: "live" as "prism" })).rejects.toThrow(
      'mode must be "prism" or "stateful", got "live"',
    );
  });
});

// Prism starts in seconds, more on a loaded machine.
describe("startMock, Prism mode (the default)", { timeout: 60_000 }, () => {
  it("serves the spec's examples, with a token endpoint for the Zoom APIs", async () => {
    const mock = await started(startMock("zoom-clips"));
    expect(mock).toMatchObject({
      api: "zoom-clips",
      mode: "prism",
      fake: undefined,
      token: "prism-mock-token",
      trustedOrigins: [],
      credentials: {
        accountId: "fake-account-id",
        clientId: "fake-client-id",
        clientSecret: "fake-client-secret",
      },
    });
    expect(mock.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.fileBaseUrl).toBe(mock.baseUrl);
    const clip = await mock.clientOptions().fetch(`${mock.baseUrl}/clips/abc`, {
      headers: { authorization: "Bearer prism-mock-token" },
    });
    expect((await clip.json()).title).toBe("clips test title");
    const token = await fetch(mock.tokenUrl ?? "", {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from("fake-client-id:fake-client-secret").toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=account_credentials&account_id=fake-account-id",
    });
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({
      scope: "prism:mock",
      expires_in: 3599,
      api_url: "",
    });
    const tokenUrl = mock.tokenUrl ?? "";
    await mock.close();
    mocks.splice(0);
    await expect(fetch(mock.baseUrl)).rejects.toThrow();
    await expect(fetch(tokenUrl, { method: "POST" })).rejects.toThrow();
  });

  it("has no token endpoint for Uplynk, and Prism's fixed account", async () => {
    const mock = await started(startMock("uplynk-clipping", { mode: "prism" }));
    expect(mock).toMatchObject({
      tokenUrl: undefined,
      token: undefined,
      credentials: { owner: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", apiKey: "prism-accepts-any-key" },
    });
  });
});

describe("startPrism", { timeout: 60_000 }, () => {
  it("says what Prism printed when it cannot start", async () => {
    await expect(startPrism({ spec: "/nonexistent/spec.json" })).rejects.toThrow(
      /Prism exited with code \d+ before listening:\n/,
    );
  });

  it("gives up after startTimeoutMs", async () => {
    await expect(
      startPrism({ spec: specPath("uplynk-clipping"), startTimeoutMs: 1 }),
    ).rejects.toThrow(/^Prism did not answer at http:\/\/127\.0\.0\.1:\d+ in time:/);
  });

  it("keeps Prism's output and stops it", async () => {
    const prism = await startPrism({ spec: specPath("uplynk-clipping") });
    expect(prism.url).toBe(`http://127.0.0.1:${prism.port}`);
    expect(prism.output()).toMatch(/Prism is listening/);
    await prism.stop();
    await prism.stop();
    await expect(fetch(prism.url)).rejects.toThrow();
  });
});

describe("global setups", () => {
  const envName = "CLIPKIT_MOCK_UPLYNK_CLIPPING";
  afterEach(() => {
    delete process.env[envName];
    delete process.env.CLIPKIT_MOCK_ZOOM_CLIPS;
  });

  it("vitest: hands each mock's serialisable info to test files, and stops the mocks after", async () => {
    const teardown = await vitestGlobalSetup(["uplynk-clipping", "zoom-clips"], {
      mode: "stateful",
    })();
    let baseUrl = "";
    try {
      expect(Object.keys(JSON.parse(process.env[envName] ?? "{}")).sort()).toEqual([
        "api",
        "baseUrl",
        "credentials",
        "fileBaseUrl",
        "mode",
        "trustedOrigins",
      ]);
      const mock = connectMock("uplynk-clipping");
      baseUrl = mock.baseUrl;
      expect(mock).toMatchObject({ api: "uplynk-clipping", mode: "stateful" });
      expect(mock.client(echo)).toMatchObject({
        baseUrl,
        owner: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
      });
      expect(connectMock("zoom-clips").clientOptions().auth).toMatch(/^fake_at_/);
      expect((await fetch(`${baseUrl}/clipping_draft`)).status).toBe(401);
    } finally {
      await teardown?.();
    }
    await expect(fetch(`${baseUrl}/clipping_draft`)).rejects.toThrow();
  });

  it("connectMock says how to start a mock that is not running", () => {
    expect(() => connectMock("zoom-cloud-recording")).toThrow(
      'no mock of zoom-cloud-recording is running: add vitestGlobalSetup or jestGlobalSetup with "zoom-cloud-recording" to the test config',
    );
  });

  it("jest: starts in setup, stops in teardown", async () => {
    await jestGlobalSetup(["uplynk-clipping"], { mode: "stateful" })();
    const { baseUrl } = connectMock("uplynk-clipping");
    expect((await fetch(`${baseUrl}/clipping_draft`)).status).toBe(401);
    await jestGlobalTeardown()();
    await expect(fetch(`${baseUrl}/clipping_draft`)).rejects.toThrow();
    // A teardown without a setup has nothing to stop.
    await jestGlobalTeardown()();
  });

  it("stops the mocks already started when a later one fails", async () => {
    const setup = vitestGlobalSetup(["uplynk-clipping", "nope" as MockApi], { mode: "stateful" });
    await expect(setup()).rejects.toThrow();
    const { baseUrl } = JSON.parse(process.env[envName] ?? "{}");
    await expect(fetch(`${baseUrl}/clipping_draft`)).rejects.toThrow();
  });
});
