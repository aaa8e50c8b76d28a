// Which failures say "the host is down" (they count towards stopping a run) and which are a
// file's own (gone, changed, not the listed size); and the count itself.
import {
  ApiError,
  ConnectionError,
  DownloadChangedError,
  IncompleteDownloadError,
  TimeoutError,
} from "@clipkit/core";
import { describe, expect, it } from "vitest";
import {
  FAILED_IN_A_ROW,
  FailureStreak,
  isFileOwnFailure,
  ListedSizeMismatchError,
} from "../../src/archive/failure-streak.js";

const answered = (status: number) =>
  new ApiError({ status, method: "GET", url: "https://cdn.example/f" });

describe("isFileOwnFailure", () => {
  it.each([
    ["404 (gone)", answered(404), true],
    ["410 (gone for good)", answered(410), true],
    ["the file changed while it downloaded", new DownloadChangedError("changed"), true],
    ["not the listed size", new ListedSizeMismatchError("3 bytes; the listing says 2"), true],
    ["400", answered(400), false],
    ["401 (a token every file shares)", answered(401), false],
    ["403", answered(403), false],
    ["500", answered(500), false],
    ["503", answered(503), false],
    ["a refused connection", new ConnectionError("connect ECONNREFUSED"), false],
    ["a time limit", new TimeoutError("timed out"), false],
    ["a body that kept ending short", new IncompleteDownloadError("short", 1, 2), false],
    ["anything else (a disk that is full)", new Error("ENOSPC: no space left on device"), false],
  ])("%s: %s", (_, error, own) => {
    expect(isFileOwnFailure(error)).toBe(own);
  });

  it("the size mismatch names itself", () => {
    expect(new ListedSizeMismatchError("x").name).toBe("ListedSizeMismatchError");
  });
});

describe("FailureStreak", () => {
  it(`is over at the ${FAILED_IN_A_ROW}th failure in a row, not before`, () => {
    const streak = new FailureStreak();
    const refused = new ConnectionError("refused");
    for (let i = 1; i < FAILED_IN_A_ROW; i++) {
      expect(streak.failed(refused)).toBe(false);
      expect(streak.inARow).toBe(i);
    }
    expect(streak.failed(refused)).toBe(true);
  });

  it("a finished file starts the count again; a file's own failure neither counts nor resets", () => {
    const streak = new FailureStreak();
    const refused = new ConnectionError("refused");
    for (let i = 1; i < FAILED_IN_A_ROW; i++) streak.failed(refused);
    streak.finished();
    expect(streak.inARow).toBe(0);
    for (let i = 1; i < FAILED_IN_A_ROW; i++) streak.failed(refused);
    expect(streak.failed(answered(404))).toBe(false);
    expect(streak.inARow).toBe(FAILED_IN_A_ROW - 1);
    expect(streak.failed(refused)).toBe(true);
  });
});
