// verify's closing hint: the archive command line that mends what was found, and the files to
// delete first — quoted for a shell, at most ten named.
import { describe, expect, it } from "vitest";
import type { VerifyResult } from "../src/archive/verify-archive.js";
import { repairHint } from "../src/commands/verify.js";

const result = (changedInPlace: string[]): VerifyResult => ({
  checked: 20,
  missing: 1,
  changed: changedInPlace.length,
  unexpected: 0,
  repairable: 1 + changedInPlace.length,
  changedInPlace,
});

describe("repairHint", () => {
  it("turns the verify command into archive; an option's value that reads `verify` stays", () => {
    const args = ["zoom", "recordings", "verify", "--user", "verify", "--from", "2024-05-01"];
    const [first, ...rest] = repairHint([...args, "--out", "/a b"], "/a b", result([])).split("\n");
    expect(first).toBe(
      "To repair, run `clipkit zoom recordings archive --user verify --from 2024-05-01 --out '/a b'`: it downloads again each missing or changed file that Zoom still lists.",
    );
    expect(rest).toEqual([]);
  });

  it("names the files to delete first, under --out (one slash), quoted for a shell", () => {
    const lines = repairHint(
      ["zoom", "clips", "verify", "--out", "s3://bucket/zoom/"],
      "s3://bucket/zoom/",
      result(["me/clips/it's.mp4"]),
    ).split("\n");
    expect(lines.slice(1)).toEqual([
      "Delete these 1 file(s) first: their bytes changed but not their size, and archive keeps a recorded file of the listed size:",
      `  's3://bucket/zoom/me/clips/it'\\''s.mp4'`,
    ]);
  });

  it("names ten at most, and says how many more", () => {
    const paths = (n: number) => Array.from({ length: n }, (_, i) => `u/m/f${i}.mp4`);
    const ten = repairHint(["zoom", "recordings", "verify"], "/o", result(paths(10))).split("\n");
    expect(ten).toHaveLength(2 + 10);
    expect(ten.at(-1)).toBe("  /o/u/m/f9.mp4");
    const twelve = repairHint(["zoom", "recordings", "verify"], "/o", result(paths(12))).split(
      "\n",
    );
    expect(twelve).toHaveLength(2 + 10 + 1);
    expect(twelve.at(-2)).toBe("  /o/u/m/f9.mp4");
    expect(twelve.at(-1)).toBe("  … and 2 more (the CHANGED … sha256 findings above)");
  });
});
