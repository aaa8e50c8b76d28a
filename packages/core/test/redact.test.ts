import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  bearerToken,
  ClipKitError,
  clientCredentials,
  createApiClient,
  createFetch,
  redactHeaders,
  redactText,
  redactUrl,
  TimeoutError,
  unwrap,
} from "../src/index.js";
import {
  dropConnection,
  json,
  sequence,
  startServer,
  status,
  type TestServer,
} from "./helpers/server.js";
import { testVendor } from "./helpers/vendor.js";

describe("redactUrl", () => {
  it.each([
    {
      given: "https://a.test/x?access_token=T1&page=2",
      want: "https://a.test/x?access_token=REDACTED&page=2",
    },
    { given: "https://a.test/x?msg=M&sig=S", want: "https://a.test/x?msg=REDACTED&sig=REDACTED" },
    {
      given: "https://a.test/x?Signature=S&token=t",
      want: "https://a.test/x?Signature=REDACTED&token=REDACTED",
    },
    {
      given: "https://a.test/x?client_secret=c&password=p",
      want: "https://a.test/x?client_secret=REDACTED&password=REDACTED",
    },
    { given: "https://user:pw@a.test/x", want: "https://REDACTED:REDACTED@a.test/x" },
    { given: "https://a.test/x?q=a%20b", want: "https://a.test/x?q=a%20b" },
    { given: "not a url ?sig=S", want: "<unparseable url>" },
  ])("$given", ({ given, want }) => {
    expect(redactUrl(given)).toBe(want);
  });

  it("redacts extra names too", () => {
    expect(redactUrl("https://a.test/?apikey=K&x=1", ["apikey"])).toBe(
      "https://a.test/?apikey=REDACTED&x=1",
    );
  });
});

describe("redactHeaders and redactText", () => {
  it("hides credential headers and keeps the rest", () => {
    const headers = new Headers({
      Authorization: "Bearer T",
      "Proxy-Authorization": "Basic P",
      Cookie: "c=1",
      "Set-Cookie": "session=s",
      "X-Api-Key": "k",
      Accept: "application/json",
    });
    expect(redactHeaders(headers)).toEqual({
      authorization: "REDACTED",
      "proxy-authorization": "REDACTED",
      cookie: "REDACTED",
      "set-cookie": "REDACTED",
      "x-api-key": "REDACTED",
      accept: "application/json",
    });
  });

  it.each([
    {
      text: "token abc and abcdef",
      secrets: ["abc", "abcdef"],
      want: "token REDACTED and REDACTED",
    },
    { text: "nothing here", secrets: ["", "zzz"], want: "nothing here" },
  ])("redactText($text)", ({ text, secrets, want }) => {
    expect(redactText(text, secrets)).toBe(want);
  });
});

// Everything a user could print about a failure: messages, String(), util.inspect, JSON and
// log lines. None may contain any secret these tests use.
describe("no secret reaches an error or a log line", () => {
  const TOKEN = "bearer-token-4f9a";
  const CLIENT_SECRET = "client-secret-77b2";
  const BASIC = Buffer.from(`cid:${CLIENT_SECRET}`).toString("base64");
  const SIG = "signature-value-c0ffee";
  const MSG = "signed-message-beef";
  const secrets = [TOKEN, CLIENT_SECRET, BASIC, SIG, MSG];

  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  async function serve(handler: Parameters<typeof startServer>[0]) {
    const s = await startServer(handler);
    servers.push(s);
    return s;
  }

  function outputsOf(error: unknown): string[] {
    return [
      error instanceof Error ? error.message : "",
      String(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
    ];
  }

  it("across auth failures, API errors, connection errors and timeouts", async () => {
    const lines: string[] = [];
    const logger = {
      debug: (msg: string, fields?: Record<string, unknown>) =>
        lines.push(msg, inspect(fields), JSON.stringify(fields)),
    };
    const errors: unknown[] = [];
    const signed = `?msg=${MSG}&sig=${SIG}&access_token=${TOKEN}`;

    // A token endpoint that rejects the client and echoes what it got.
    const tokens = await serve((req, res) =>
      json(res, 401, {
        error: "invalid_client",
        error_description: `${req.headers.authorization} ${req.body}`,
      }),
    );
    const oauth = clientCredentials({
      tokenUrl: `${tokens.url}/token`,
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      credentialsIn: "basic",
    });
    errors.push(await oauth.getToken().catch((e: unknown) => e));
    const oauthInBody = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      credentialsIn: "body",
    });
    errors.push(await oauthInBody.getToken().catch((e: unknown) => e));

    // An API that answers 401, 500 (echoing the URL), then drops connections.
    const api = await serve(
      sequence(
        status(401, { code: 124, message: "Invalid access token." }),
        status(401, { code: 124, message: "Invalid access token." }),
        status(500, "<html>oops</html>"),
        dropConnection(),
      ),
    );
    const vendor = { ...testVendor, redactQueryParams: ["apikey"] };
    const client = createApiClient<Record<string, never>>({
      baseUrl: api.url,
      vendor,
      auth: bearerToken(TOKEN),
      logger,
      maxRetries: 0,
    });
    // biome-ignore lint/suspicious/noExplicitAny: untyped paths are enough here.
    const get = (path: string) => unwrap((client as any).GET(path));
    errors.push(await get(`/a${signed}`).catch((e: unknown) => e));
    errors.push(await get(`/b${signed}`).catch((e: unknown) => e));
    errors.push(await get(`/c${signed}`).catch((e: unknown) => e));

    // A server that never answers: a timeout.
    const silent = await serve(() => {});
    const slowFetch = createFetch({
      baseUrl: silent.url,
      vendor,
      auth: bearerToken(TOKEN),
      logger,
      timeoutMs: 30,
      maxRetries: 0,
    });
    errors.push(await slowFetch(`${silent.url}/d${signed}`).catch((e: unknown) => e));

    expect(errors[0]).toBeInstanceOf(AuthenticationError);
    expect(errors[2]).toMatchObject({ status: 401, code: 124 });
    expect(errors[3]).toMatchObject({ status: 500 });
    expect(errors[4]).toMatchObject({ name: "ConnectionError" });
    expect(errors[5]).toBeInstanceOf(TimeoutError);
    for (const error of errors) expect(error).toBeInstanceOf(ClipKitError);
    expect(lines.length).toBeGreaterThan(6);
    // The API did get the secrets: the test would notice if they had been dropped instead.
    expect(api.received[0]?.url).toContain(SIG);
    expect(api.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);

    const everything = [...errors.flatMap(outputsOf), ...lines];
    for (const text of everything) {
      for (const secret of secrets) expect(text, `leaked in: ${text}`).not.toContain(secret);
    }
  });
});
