import type { MockApi } from "../spec/specs.js";
import {
  type Mock,
  type MockInfo,
  type StartMockOptions,
  startMock,
  withClientHelpers,
} from "./start-mock.js";

const envName = (api: MockApi) => `CLIPKIT_MOCK_${api.toUpperCase().replaceAll("-", "_")}`;

async function startAll(apis: MockApi[], options: StartMockOptions<MockApi>): Promise<Mock[]> {
  const mocks: Mock[] = [];
  try {
    for (const api of apis) {
      const mock = await startMock(api, options);
      mocks.push(mock);
      // Test workers start after the global setup and inherit its environment (vitest and jest).
      const { clientOptions: _o, client: _c, fake: _f, close: _x, ...info } = mock;
      process.env[envName(api)] = JSON.stringify(info);
    }
  } catch (error) {
    await Promise.all(mocks.map((m) => m.close()));
    throw error;
  }
  return mocks;
}

/**
 * A vitest `globalSetup`: starts one mock per API for the whole run and stops it after.
 * Test files reach it with `connectMock(api)`.
 *
 *   // vitest.setup.ts
 *   export default vitestGlobalSetup(["zoom-clips"], { mode: "stateful" });
 */
export function vitestGlobalSetup(apis: MockApi[], options: StartMockOptions<MockApi> = {}) {
  return async function setup() {
    const mocks = await startAll(apis, options);
    return async () => {
      await Promise.all(mocks.map((m) => m.close()));
    };
  };
}

// Stryker disable next-line StringLiteral: the registry key is only read back by jestGlobalTeardown.
const JEST_KEY = Symbol.for("@clipkit/testing jest mocks");

/**
 * A jest `globalSetup` (and `jestGlobalTeardown` for `globalTeardown`): the same for jest,
 * which runs both in one process.
 */
export function jestGlobalSetup(apis: MockApi[], options: StartMockOptions<MockApi> = {}) {
  return async function setup() {
    (globalThis as Record<symbol, unknown>)[JEST_KEY] = await startAll(apis, options);
  };
}

export function jestGlobalTeardown() {
  return async function teardown() {
    const mocks = ((globalThis as Record<symbol, unknown>)[JEST_KEY] ?? []) as Mock[];
    await Promise.all(mocks.map((m) => m.close()));
  };
}

/**
 * The mock a global setup started for `api`, from a test file: its URLs and the client
 * helpers (the fake's state and fault switches stay in the setup's process).
 */
export function connectMock<A extends MockApi>(api: A) {
  const raw = process.env[envName(api)];
  if (!raw) {
    throw new Error(
      `no mock of ${api} is running: add vitestGlobalSetup or jestGlobalSetup with "${api}" to the test config`,
    );
  }
  const info = JSON.parse(raw) as MockInfo<A>;
  return { ...info, ...withClientHelpers(info) };
}
