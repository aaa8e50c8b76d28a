import { ClipKitValidationError, DailyRateLimitError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { describeError, EXIT, exitCodeOf, rememberSecret, UsageError } from "../src/errors.js";

describe("describeError: the one line an error is reported as", () => {
  it.each([
    { given: new Error("listing failed"), want: "listing failed" },
    {
      given: new Error("listing failed", { cause: new Error("ECONNRESET") }),
      want: "listing failed (ECONNRESET)",
    },
    {
      given: new Error("listing failed: ECONNRESET", { cause: new Error("ECONNRESET") }),
      want: "listing failed: ECONNRESET",
    },
    { given: new Error("listing failed", { cause: "a string" }), want: "listing failed" },
    { given: new Error("  two\n   lines \n"), want: "two lines" },
    { given: "thrown text", want: "thrown text" },
    { given: 42, want: "42" },
  ])("$given → $want", ({ given, want }) => {
    expect(describeError(given, [])).toBe(want);
  });

  it("holds none of the run's secrets, and no credential of a URL in it", () => {
    const error = new Error(
      "GET https://cdn.example/f.mp4?access_token=tok3n-value&part=2 refused for s3cret-value",
    );
    const line = describeError(error, ["s3cret-value"]);
    expect(line).not.toContain("tok3n-value");
    expect(line).not.toContain("s3cret-value");
    expect(line).toContain("https://cdn.example/f.mp4?access_token=");
    expect(line).toContain("part=2");
    expect(line).toMatch(/ refused for \S+$/);
  });

  it("redacts every URL of the line, up to a quote or bracket", () => {
    const line = describeError(
      new Error(
        `"http://a.example/?token=one1" then <https://b.example/x?signature=two2> 'https://c.example/?Signature=thr3'`,
      ),
      [],
    );
    for (const secret of ["one1", "two2", "thr3"]) expect(line).not.toContain(secret);
    expect(line).toMatch(/^"http:\/\/a\.example\/\?token=[^"]+" then <https:\/\/b\.example\/x\?/);
    expect(line).toMatch(/'$/);
  });
});

describe("rememberSecret", () => {
  it.each([
    { given: "abcd", kept: true },
    { given: "abc", kept: false },
    { given: "", kept: false },
    { given: undefined, kept: false },
  ])("$given: kept $kept", ({ given, kept }) => {
    const secrets = new Set<string>();
    rememberSecret(secrets, given);
    expect([...secrets]).toEqual(kept ? [given] : []);
  });
});

describe("exitCodeOf", () => {
  it.each([
    { given: new UsageError("no credentials"), want: EXIT.usage },
    { given: new ClipKitValidationError("from", "expected a date"), want: EXIT.usage },
    {
      given: new DailyRateLimitError("used up", { resetsAt: new Date(0) }),
      want: EXIT.dailyLimit,
    },
    { given: new Error("refused"), want: EXIT.failure },
    { given: "thrown text", want: EXIT.failure },
  ])("$given → $want", ({ given, want }) => {
    expect(exitCodeOf(given)).toBe(want);
  });

  it("the documented codes", () => {
    expect(EXIT).toEqual({
      ok: 0,
      failure: 1,
      usage: 2,
      dailyLimit: 3,
      interrupted: 130,
      terminated: 143,
    });
    expect(new UsageError("x").name).toBe("UsageError");
  });
});
