import { createClock } from "../clock.js";
import { listenOnLoopback } from "../http/listen.js";
import { startPrism } from "../prism/start-prism.js";
import { strictFetch } from "../prism/strict-fetch.js";
import { specPath } from "../spec/spec-file.js";
import { loadSpec, type MockApi } from "../spec/specs.js";
import { startUplynkFake, type UplynkFake, type UplynkFakeOptions } from "../uplynk/uplynk-fake.js";
import { type ZoomAppCredentials, zoomAppCredentials, zoomTokenEndpoint } from "../zoom/oauth.js";
import { createTokenStore } from "../zoom/tokens.js";
import {
  startZoomClipsFake,
  type ZoomClipsFake,
  type ZoomClipsFakeOptions,
} from "../zoom-clips/clips-fake.js";
import {
  startZoomFake,
  type ZoomFake,
  type ZoomFakeOptions,
} from "../zoom-recordings/zoom-fake.js";

export type MockMode = "prism" | "stateful";

/** The stateful fake behind each API. */
export interface Fakes {
  "zoom-clips": ZoomClipsFake;
  "zoom-cloud-recording": ZoomFake;
  "uplynk-clipping": UplynkFake;
}

export interface FakeOptions {
  "zoom-clips": ZoomClipsFakeOptions;
  "zoom-cloud-recording": ZoomFakeOptions;
  "uplynk-clipping": UplynkFakeOptions;
}

/** What each API's `create…Client` needs to talk to the mock (spread it into the options). */
export interface ClientOptionsFor {
  "zoom-clips": { baseUrl: string; fileBaseUrl: string; auth: string; fetch: typeof fetch };
  "zoom-cloud-recording": { baseUrl: string; auth: string; fetch: typeof fetch };
  "uplynk-clipping": { baseUrl: string; owner: string; apiKey: string; fetch: typeof fetch };
}

export interface StartMockOptions<A extends MockApi> {
  /**
   * `prism` (default): Stoplight Prism from the spec shipped in this package (needs the
   * optional peer dependency `@stoplight/prism-cli`). `stateful`: this package's fakes.
   */
  mode?: MockMode;
  /** Options of the stateful fake (data, lifetimes, polls…). */
  fake?: FakeOptions[A];
  /** Stateful mode: answer requests the spec forbids with Prism's 422. Default true. */
  validateRequests?: boolean;
}

/** The serialisable part of a mock, which global setups hand to test files. */
export interface MockInfo<A extends MockApi = MockApi> {
  api: A;
  mode: MockMode;
  baseUrl: string;
  /** Zoom Clips' upload host; the base URL elsewhere. */
  fileBaseUrl: string;
  /** The Server-to-Server OAuth token endpoint (Zoom APIs). */
  tokenUrl: string | undefined;
  /** Zoom: the app the token endpoint accepts; Uplynk: the signing account. */
  credentials: ZoomAppCredentials | { owner: string; apiKey: string };
  /** A token the mock accepts, for `auth` (Zoom APIs). */
  token: string | undefined;
  /** Origins besides the base URL's that may receive credentials (recording downloads). */
  trustedOrigins: string[];
}

export interface Mock<A extends MockApi = MockApi> extends MockInfo<A> {
  /** The options of the API's client, pointed at the mock, with a spec-checking fetch. */
  clientOptions(): ClientOptionsFor[A];
  /** `mock.client(createZoomClipsClient, { maxRetries: 0 })`: a client pointed at the mock. */
  client<C, O extends object>(factory: (options: ClientOptionsFor[A] & O) => C, extra?: O): C;
  /** The stateful fake (state, faults, clock); undefined in Prism mode. */
  fake: Fakes[A] | undefined;
  close(): Promise<void>;
}

/** A Zoom token endpoint next to Prism, which has none (its spec documents only the API). */
async function startTokenEndpoint() {
  const credentials = zoomAppCredentials();
  const tokens = createTokenStore(createClock());
  const handle = zoomTokenEndpoint({
    credentials,
    tokens,
    ttlSeconds: 3599,
    scope: "prism:mock",
    apiUrl: () => "",
  });
  const server = await listenOnLoopback((req, res) => {
    const url = new URL(req.url ?? "/", "http://token.invalid");
    handle(req, res, url).catch(() => res.destroy());
  });
  return { credentials, tokenUrl: `${server.origin}/oauth/token`, close: server.close };
}

async function startStateful<A extends MockApi>(api: A, options: StartMockOptions<A>) {
  const validateRequests = options.validateRequests ?? true;
  const fakeOptions = { ...(options.fake ?? {}), validateRequests };
  if (api === "uplynk-clipping") {
    const fake = await startUplynkFake(fakeOptions as UplynkFakeOptions);
    return {
      fake,
      info: {
        baseUrl: fake.baseUrl,
        fileBaseUrl: fake.baseUrl,
        tokenUrl: undefined,
        credentials: { owner: fake.owner, apiKey: fake.apiKey },
        token: undefined,
        trustedOrigins: [],
      },
    };
  }
  const fake =
    api === "zoom-clips"
      ? await startZoomClipsFake(fakeOptions as ZoomClipsFakeOptions)
      : await startZoomFake(fakeOptions as ZoomFakeOptions);
  return {
    fake,
    info: {
      baseUrl: fake.baseUrl,
      fileBaseUrl: "fileBaseUrl" in fake ? fake.fileBaseUrl : fake.baseUrl,
      tokenUrl: fake.tokenUrl,
      credentials: fake.credentials,
      token: fake.issueToken(),
      trustedOrigins: [fake.origin],
    },
  };
}

/** Rebuilds the client options of a mock from its serialisable info (see `connectMock`). */
export function clientOptionsOf<A extends MockApi>(info: MockInfo<A>): ClientOptionsFor[A] {
  const fetch = strictFetch();
  if (info.api === "uplynk-clipping") {
    const { owner, apiKey } = info.credentials as { owner: string; apiKey: string };
    return { baseUrl: info.baseUrl, owner, apiKey, fetch } as ClientOptionsFor[A];
  }
  const zoom = { baseUrl: info.baseUrl, auth: info.token ?? "", fetch };
  return (
    info.api === "zoom-clips" ? { ...zoom, fileBaseUrl: info.fileBaseUrl } : zoom
  ) as ClientOptionsFor[A];
}

/** Adds the client helpers to a mock's info. */
export function withClientHelpers<A extends MockApi>(info: MockInfo<A>) {
  return {
    clientOptions: () => clientOptionsOf(info),
    client<C, O extends object>(factory: (options: ClientOptionsFor[A] & O) => C, extra?: O): C {
      return factory({ ...clientOptionsOf(info), ...(extra ?? ({} as O)) });
    },
  };
}

/**
 * Starts a mock of one API on a free loopback port and returns its URLs, a client factory
 * pointed at it, and `close`. Requests the spec forbids fail with the validator's message
 * (`SpecViolationError`) when made through `clientOptions()`'s fetch.
 */
export async function startMock<A extends MockApi>(
  api: A,
  options: StartMockOptions<A> = {},
): Promise<Mock<A>> {
  // Stateful mode would otherwise start the Cloud Recording fake for any name it does not know.
  loadSpec(api);
  const mode = options.mode ?? "prism";
  if (mode === "stateful") {
    const { fake, info: partial } = await startStateful(api, options);
    const info: MockInfo<A> = { api, mode, ...partial };
    return {
      ...info,
      ...withClientHelpers(info),
      fake: fake as Fakes[A],
      close: () => fake.close(),
    };
  }
  if (mode !== "prism")
    throw new RangeError(`mode must be "prism" or "stateful", got ${JSON.stringify(mode)}`);
  const prism = await startPrism({ spec: specPath(api) });
  const token =
    api === "uplynk-clipping"
      ? undefined
      : await startTokenEndpoint().catch(async (error) => {
          await prism.stop();
          throw error;
        });
  const info: MockInfo<A> = {
    api,
    mode,
    baseUrl: prism.url,
    fileBaseUrl: prism.url,
    tokenUrl: token?.tokenUrl,
    credentials: token?.credentials ?? {
      owner: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
      apiKey: "prism-accepts-any-key",
    },
    token: token ? "prism-mock-token" : undefined,
    trustedOrigins: [],
  };
  return {
    ...info,
    ...withClientHelpers(info),
    fake: undefined,
    async close() {
      await Promise.all([prism.stop(), token?.close()]);
    },
  };
}
