// Help, exit codes, credentials (environment, owner-only config file) and one-line errors
// without secrets, run in-process (bin.test.ts runs the built bin).
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startZoomFake, type ZoomFake } from "@clipkit/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { credentialsEnv } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

let fake: ZoomFake;
// Made now: the case tables below use it when the file is collected.
const dir = mkdtempSync(join(tmpdir(), "clipkit-usage-"));
beforeAll(async () => {
  fake = await startZoomFake({ from: "2024-05-01", to: "2024-05-31", meetingsPerUser: 2 });
});
afterAll(async () => {
  // Removed first: a close that throws must not keep the folder.
  rmSync(dir, { recursive: true, force: true });
  await fake?.close();
});

// Without URLs: each case gives its own, or none.
writeFileSync(join(dir, "a-file"), "");
const archive = (...more: string[]) => [
  ...["zoom", "recordings", "archive", "--user", "me", "--from", "2024-05-01"],
  ...["--to", "2024-05-31", "--out", join(dir, "out"), "--dry-run"],
  ...more,
];

describe("--help", () => {
  it.each([
    [[]],
    [["zoom"]],
    [["zoom", "recordings"]],
    ...["archive", "list", "get", "trash", "recover", "watch", "verify"].map((name) => [
      ["zoom", "recordings", name],
    ]),
    [["zoom", "clips"]],
    [["zoom", "clips", "archive"]],
    [["zoom", "clips", "verify"]],
  ])("clipkit %j --help: usage and an example, exit 0", async (command) => {
    const run = await runInProcess([...command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: clipkit");
    expect(run.stdout).toMatch(/Example:\n {2}clipkit /);
    // The whole text, as users read it: a change to it is a reviewed change (`vitest -u`).
    await expect(run.stdout).toMatchFileSnapshot(`help/${["clipkit", ...command].join(" ")}.txt`);
  });

  it("wraps to the terminal's width on a terminal, to 80 columns elsewhere", async () => {
    const args = ["zoom", "recordings", "archive", "--help"];
    // The widest line commander wrapped (the examples after it are never wrapped).
    const widest = ({ stdout }: { stdout: string }) =>
      Math.max(...(stdout.split("\nExample:")[0] ?? "").split("\n").map((line) => line.length));
    const narrow = widest(await runInProcess(args, { tty: { columns: 64 } }));
    expect(narrow).toBeLessThanOrEqual(64);
    expect(narrow).toBeGreaterThan(56);
    const piped = widest(await runInProcess(args));
    expect(piped).toBeLessThanOrEqual(80);
    expect(piped).toBeGreaterThan(70);
  });
});

describe("--version", () => {
  it("the package's version, exit 0", async () => {
    const { version } = JSON.parse(
      readFileSync(new URL("../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    const run = await runInProcess(["--version"]);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("exit codes and one-line errors", () => {
  it.each<{ given: string; args: string[]; env?: Record<string, string>; want: RegExp }>([
    {
      given: "a missing option",
      args: ["zoom", "recordings", "archive", "--user", "me"],
      want: /required option '--from/,
    },
    {
      given: "a bad date",
      args: archive("--from", "2024-13-01"),
      want: /expected a date as YYYY-MM-DD/,
    },
    ...["0", "33", "1.5", "two", ""].map((n) => ({
      given: `--concurrency ${JSON.stringify(n)}`,
      args: archive("--concurrency", n),
      want: /option '--concurrency <n>' argument '.*' is invalid\. expected a whole number from 1 to 32/,
    })),
    ...[
      "2024-5-01",
      "x2024-05-01",
      "+002024-05-01",
      "2024-05-011",
      "2024-05-01T00:00",
      "2024-05-32",
    ].map((day) => ({
      given: `--from ${day}`,
      args: archive("--from", day),
      want: /expected a date as YYYY-MM-DD/,
    })),
    // Each of these before any credential is looked up (the env holds none): a usage error first.
    {
      given: "--from 2024-02-30 (a day Date.parse rolls over to March)",
      args: archive("--from", "2024-02-30"),
      want: /expected a date as YYYY-MM-DD/,
    },
    {
      given: "an empty --user",
      args: ["zoom", "recordings", "archive", "--user", "", "--from", "2024-05-01", "--out", dir],
      want: /option '--user <id>' argument '' is invalid\. expected a user ID, email or `me`/,
    },
    {
      given: "--user and --all-users together",
      args: archive("--all-users"),
      want: /^error: give either --user or --all-users, not both\n/,
    },
    {
      given: "neither --user nor --all-users",
      args: ["zoom", "recordings", "archive", "--from", "2024-05-01", "--out", dir],
      want: /^error: give --user <id> \(repeatable\) or --all-users\n/,
    },
    {
      given: "an unknown --user-status",
      args: [
        ...["zoom", "recordings", "archive", "--all-users", "--from", "2024-05-01", "--out", dir],
        ...["--user-status", "active,deleted"],
      ],
      want: /expected a comma-separated list of active, inactive, pending \(got "active,deleted"\)/,
    },
    {
      given: "--user-status without --all-users",
      args: archive("--user-status", "inactive"),
      want: /^error: --user-status goes with --all-users\n/,
    },
    {
      given: "an --out under a file",
      args: archive("--out", join(dir, "a-file", "archive")),
      want: /^error: --out .*a-file\/archive: a file is in the way of this folder\n/,
    },
    ...(["archive", "verify"] as const).map((command) => ({
      given: `an empty --out (${command})`,
      args: ["zoom", "recordings", command, "--user", "me", "--from", "2024-05-01", "--out", " "],
      want: /option '--out <dir>' argument ' ' is invalid\. expected a folder or s3:\/\/bucket\/prefix/,
    })),
    {
      given: "an empty --out (watch)",
      args: ["zoom", "recordings", "watch", "--out", ""],
      want: /option '--out <dir>' argument '' is invalid\. expected a folder/,
    },
    {
      given: "--from after today, without --to",
      args: ["zoom", "recordings", "archive", "--user", "me", "--from", "2999-01-01", "--out", dir],
      want: /^error: --from 2999-01-01 is after today \(\d{4}-\d{2}-\d{2}\), where the range ends without --to\n/,
    },
    {
      given: "--to before --from",
      args: archive("--to", "2024-04-01"),
      want: /^error: --to 2024-04-01 is before --from 2024-05-01\n/,
    },
    { given: "an unknown command", args: ["zoom", "meetings"], want: /unknown command/ },
    {
      given: "no credentials",
      args: archive("--base-url", "http://127.0.0.1:9/v2"),
      want: /no Zoom credentials: set ZOOM_TOKEN, or ZOOM_ACCOUNT_ID/,
    },
    {
      given: "a --config file that is not there",
      args: archive("--config", join(dir, "none.json")),
      want: /^clipkit: config file .*none\.json not found\n$/,
    },
    {
      given: "a CLIPKIT_CONFIG file that is not there",
      args: archive(),
      env: { CLIPKIT_CONFIG: join(dir, "none.json") },
      want: /^clipkit: config file .*none\.json not found\n$/,
    },
    {
      given: "a base URL that is no URL",
      args: archive("--base-url", "nope"),
      env: { ZOOM_TOKEN: "t0ken-value" },
      want: /--base-url: expected an http\(s\) URL/,
    },
  ])("$given: exit 2", async ({ args, env, want }) => {
    const run = await runInProcess(args, { env: env ?? {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(want);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("--to the same day as --from, and --to left out (today): accepted", async () => {
    const env = { ZOOM_TOKEN: fake.issueToken() };
    const oneDay = await runInProcess(archive("--from", "2024-05-31", "--base-url", fake.baseUrl), {
      env,
    });
    expect(oneDay).toMatchObject({ code: 0, stderr: "" });
    const today = new Date().toISOString().slice(0, 10);
    const untilToday = await runInProcess(
      [
        "zoom",
        "recordings",
        "archive",
        "--user",
        "me",
        "--from",
        today,
        "--out",
        join(dir, "out"),
      ].concat(["--dry-run", "--json", "--base-url", fake.baseUrl]),
      { env },
    );
    expect(untilToday.code).toBe(0);
    expect(untilToday.events[0]).toEqual({
      type: "listing",
      users: ["me"],
      from: today,
      to: today,
    });
  });

  it.each(["1", "32"])("--concurrency %s: accepted", async (n) => {
    const run = await runInProcess(archive("--concurrency", n, "--base-url", fake.baseUrl), {
      env: { ZOOM_TOKEN: fake.issueToken() },
    });
    expect(run).toMatchObject({ code: 0, stderr: "" });
  });

  it("a wrong client secret: exit 1, one line, no secret", async () => {
    const secret = "wrong-secret-4f9a1c";
    const run = await runInProcess(
      archive("--base-url", fake.baseUrl, "--token-url", fake.tokenUrl),
      {
        env: { ...credentialsEnv(fake), ZOOM_CLIENT_SECRET: secret },
      },
    );
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^clipkit: /);
    expect(run.stderr + run.stdout).not.toContain(secret);
    expect(run.stderr + run.stdout).not.toContain(fake.credentials.clientId);
  });
});

describe("credentials", () => {
  const config = () => ({
    zoom: {
      accountId: fake.credentials.accountId,
      clientId: fake.credentials.clientId,
      clientSecret: fake.credentials.clientSecret,
      baseUrl: fake.baseUrl,
      tokenUrl: fake.tokenUrl,
    },
  });

  it("a config file readable only by its owner is used", async () => {
    const path = join(dir, "owner.json");
    writeFileSync(path, JSON.stringify(config()));
    chmodSync(path, 0o600);
    const run = await runInProcess(archive("--config", path));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 meeting\(s\), 6 file\(s\)/);
  });

  it.skipIf(process.platform === "win32")(
    "a group- or world-readable config file is refused (exit 2), through CLIPKIT_CONFIG too",
    async () => {
      const path = join(dir, "shared.json");
      writeFileSync(path, JSON.stringify(config()));
      chmodSync(path, 0o644);
      for (const run of [
        await runInProcess(archive("--config", path)),
        await runInProcess(archive(), { env: { CLIPKIT_CONFIG: path } }),
      ]) {
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("is readable by others (mode 644); run: chmod 600");
        expect(run.stderr).not.toContain(fake.credentials.clientSecret);
      }
    },
  );

  it("the run's environment, not the process's", async () => {
    vi.stubEnv("ZOOM_TOKEN", "process-token");
    try {
      const run = await runInProcess(archive("--base-url", "http://127.0.0.1:9/v2"));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/no Zoom credentials/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("ZOOM_TOKEN and ZOOM_BASE_URL from the environment", async () => {
    const run = await runInProcess(archive(), {
      env: { ZOOM_TOKEN: fake.issueToken(), ZOOM_BASE_URL: fake.baseUrl },
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/6 file\(s\)/);
  });
});
