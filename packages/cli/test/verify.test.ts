// `clipkit zoom recordings verify`: after an archive, a clean check; then each kind of damage
// (a file deleted, a byte flipped, a stranger added, a recording Zoom lists that the archive
// never got) is reported by path and the exit code is 1.
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startZoomFake } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { credentialsEnv, eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("clipkit zoom recordings verify", () => {
  it("passes on a fresh archive and names every missing, changed and unexpected file", async () => {
    const fake = await startZoomFake({
      users: [{ email: "ada@example.com" }, { email: "gone@example.com", status: "inactive" }],
      from: "2024-05-01",
      to: "2024-05-31",
      meetingsPerUser: 2,
      filesPerMeeting: 2,
      fileSize: 4096,
    });
    const out = mkdtempSync(join(tmpdir(), "clipkit-verify-"));
    cleanups.push(
      () => fake.close(),
      () => rmSync(out, { recursive: true, force: true }),
    );
    const env = credentialsEnv(fake);
    const range = ["--from", "2024-05-01", "--to", "2024-05-31", "--out", out];
    const urls = ["--base-url", fake.baseUrl, "--token-url", fake.tokenUrl];
    const archived = await runInProcess(
      ["zoom", "recordings", "archive", "--all-users", ...range, ...urls, "--json"],
      { env },
    );
    expect(archived.code).toBe(0);
    const verify = () =>
      runInProcess(["zoom", "recordings", "verify", "--all-users", ...range, ...urls, "--json"], {
        env,
      });

    const clean = await verify();
    expect(clean.code).toBe(0);
    expect(eventsOf(clean, "verify-summary")).toEqual([
      { type: "verify-summary", checked: 8, missing: 0, changed: 0, unexpected: 0, ok: true },
    ]);

    const manifest = readFileSync(join(out, "manifest.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { path: string; fileId: string; meetingUuid: string });
    const [deleted, flipped] = manifest;
    rmSync(join(out, deleted?.path ?? ""));
    const bytes = readFileSync(join(out, flipped?.path ?? ""));
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    writeFileSync(join(out, flipped?.path ?? ""), bytes);
    writeFileSync(join(out, "ada@example.com", "stray.mp4"), "not a recording");
    appendFileSync(join(out, ".clipkit-events-not-bookkeeping.txt"), "x");
    // A user's clips folder is `clips verify`'s to check, not this command's.
    mkdirSync(join(out, "ada@example.com", "clips"));
    writeFileSync(join(out, "ada@example.com", "clips", "2024-05-02 1000 Demo (c1).mp4"), "a clip");
    // A recording Zoom lists that the archive never got: the manifest line is lost too.
    const lost = manifest[2];
    rmSync(join(out, lost?.path ?? ""));
    writeFileSync(
      join(out, "manifest.jsonl"),
      `${manifest
        .filter((e) => e !== lost)
        .map((e) => JSON.stringify(e))
        .join("\n")}\n`,
    );

    const damaged = await verify();
    expect(damaged.code).toBe(1);
    expect(
      eventsOf(damaged, "verify-missing")
        .map((e) => e.path)
        .sort(),
    ).toEqual([deleted?.path, lost?.path].sort());
    expect(eventsOf(damaged, "verify-changed")).toEqual([
      {
        type: "verify-changed",
        fileId: flipped?.fileId,
        path: flipped?.path,
        reason: "sha256 differs from the manifest's",
      },
    ]);
    expect(
      eventsOf(damaged, "verify-unexpected")
        .map((e) => e.path)
        .sort(),
    ).toEqual([".clipkit-events-not-bookkeeping.txt", "ada@example.com/stray.mp4"]);
    expect(eventsOf(damaged, "verify-summary")[0]).toMatchObject({ ok: false, missing: 2 });
    expect(fake.state.cdnRequests.length).toBe(8);

    // How to mend it: the same command as `archive`, after deleting the file whose bytes changed
    // in place (archive keeps a recorded file of the listed size). Followed, it repairs all but
    // the strays.
    const hint = damaged.stderr.split("\n");
    expect(hint[0]).toBe(
      `To repair, run \`clipkit zoom recordings archive --all-users ${range.join(" ")} ${urls.join(" ")} --json\`: it downloads again each missing or changed file that Zoom still lists.`,
    );
    expect(hint[1]).toMatch(
      /^Delete these 1 file\(s\) first: their bytes changed but not their size/,
    );
    expect(hint[2]).toBe(`  '${join(out, flipped?.path ?? "")}'`);
    const repair = await runInProcess(
      ["zoom", "recordings", "archive", "--all-users", ...range, ...urls, "--json"],
      { env },
    );
    expect(repair.code).toBe(0);
    // Without the deletion, the flipped file stays as it is.
    expect((await verify()).stderr).toContain(flipped?.path);
    rmSync(join(out, flipped?.path ?? ""));
    expect(
      (
        await runInProcess(
          ["zoom", "recordings", "archive", "--all-users", ...range, ...urls, "--json"],
          { env },
        )
      ).code,
    ).toBe(0);
    const mended = await verify();
    expect(eventsOf(mended, "verify-summary")[0]).toMatchObject({
      missing: 0,
      changed: 0,
      unexpected: 2,
    });
    // Only strays left: nothing to download again, no hint.
    expect(mended.stderr).toBe("");

    // A changed file of a meeting Zoom no longer lists (trashed) cannot be fetched again: the
    // hint names only the changed file Zoom still lists.
    const [trashedFile, listedFile] = [
      manifest[0],
      manifest.find((e) => e.meetingUuid !== manifest[0]?.meetingUuid),
    ];
    const trash = await runInProcess(
      ["zoom", "recordings", "trash", String(trashedFile?.meetingUuid), ...urls],
      { env },
    );
    expect(trash.code).toBe(0);
    for (const entry of [trashedFile, listedFile]) {
      const path = join(out, entry?.path ?? "");
      const flippedBytes = readFileSync(path);
      flippedBytes[0] = (flippedBytes[0] ?? 0) ^ 0xff;
      writeFileSync(path, flippedBytes);
    }
    const both = await verify();
    expect(
      eventsOf(both, "verify-changed")
        .map((e) => e.path)
        .sort(),
    ).toEqual([trashedFile?.path, listedFile?.path].sort());
    expect(both.stderr.trimEnd().split("\n").slice(1)).toEqual([
      expect.stringMatching(/^Delete these 1 file\(s\) first/),
      `  '${join(out, listedFile?.path ?? "")}'`,
    ]);
  });

  it("a --rate-plan Zoom does not have is a usage error, as for archive and watch", async () => {
    for (const command of ["verify", "archive", "watch"]) {
      const run = await runInProcess([
        ...["zoom", "recordings", command, "--user", "me", "--from", "2024-05-01"],
        ...["--out", tmpdir(), "--rate-plan", "enterprise"],
      ]);
      expect(run.code, command).toBe(2);
      expect(run.stderr).toMatch(/--rate-plan <plan>' argument 'enterprise' is invalid/);
    }
  });

  it("an --out that is not there is a usage error before credentials are looked up", async () => {
    const run = await runInProcess([
      ...["zoom", "recordings", "verify", "--user", "me", "--from", "2024-05-01"],
      ...["--out", join(tmpdir(), "clipkit-verify-none", "x")],
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --out .*: no archive folder there\n$/);
  });
});
