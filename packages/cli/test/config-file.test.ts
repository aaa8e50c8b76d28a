import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultConfigPath, readConfigFile } from "../src/config-file.js";
import { UsageError } from "../src/errors.js";

const dir = mkdtempSync(join(tmpdir(), "clipkit-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe("defaultConfigPath", () => {
  it.each([
    {
      env: { CLIPKIT_CONFIG: "/etc/clipkit.json", XDG_CONFIG_HOME: "/x" },
      want: "/etc/clipkit.json",
    },
    { env: { XDG_CONFIG_HOME: "/x" }, want: join("/x", "clipkit", "config.json") },
    {
      env: { CLIPKIT_CONFIG: "", XDG_CONFIG_HOME: "" },
      want: join(homedir(), ".config", "clipkit", "config.json"),
    },
    { env: {}, want: join(homedir(), ".config", "clipkit", "config.json") },
  ])("$env → $want", ({ env, want }) => {
    expect(defaultConfigPath(env)).toBe(want);
  });
});

describe("readConfigFile", () => {
  it("reads an owner-only JSON object", async () => {
    const path = file("ok.json", JSON.stringify({ zoom: { token: "t0ken" } }));
    expect(await readConfigFile(path, true)).toEqual({ zoom: { token: "t0ken" } });
  });

  it("a missing file: nothing, unless it was named", async () => {
    const path = join(dir, "missing.json");
    expect(await readConfigFile(path, false)).toEqual({});
    await expect(readConfigFile(path, true)).rejects.toThrow(
      new UsageError(`config file ${path} not found`),
    );
  });

  it.skipIf(process.platform === "win32").each([0o640, 0o604, 0o700 | 0o004, 0o620])(
    "mode %o (group or others may read or write): refused, with the fix",
    async (mode) => {
      const path = file(`mode-${mode.toString(8)}.json`, "{}", mode);
      await expect(readConfigFile(path, false)).rejects.toThrow(
        new UsageError(
          `config file ${path} is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${path}`,
        ),
      );
    },
  );

  it.skipIf(process.platform === "win32")("on Windows the mode bits are not read", async () => {
    const path = file("windows.json", "{}", 0o644);
    expect(await readConfigFile(path, true, "win32")).toEqual({});
    await expect(readConfigFile(path, true, "linux")).rejects.toThrow(/readable by others/);
  });

  it.skipIf(process.platform === "win32")("mode 700 or 400: read", async () => {
    expect(await readConfigFile(file("x.json", "{}", 0o700), true)).toEqual({});
    expect(await readConfigFile(file("r.json", "{}", 0o400), true)).toEqual({});
  });

  it.each([
    { text: "{ not json", want: "is not valid JSON" },
    { text: "[1]", want: ": expected a JSON object" },
    { text: "null", want: ": expected a JSON object" },
    { text: '"text"', want: ": expected a JSON object" },
  ])("$text: refused ($want)", async ({ text, want }) => {
    const path = file("bad.json", text);
    await expect(readConfigFile(path, false)).rejects.toThrow(
      new UsageError(`config file ${path}${want.startsWith(":") ? "" : " "}${want}`),
    );
  });
});
