import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createClock } from "../../src/clock.js";
import { fakeAccount } from "../../src/fake-account.js";
import { fileBytes, fileChunks, fileSha256 } from "../../src/file-content.js";
import { createPageTokens } from "../../src/page-tokens.js";
import { randomId, seededRandom } from "../../src/random.js";

describe("seededRandom", () => {
  it("is mulberry32: the same numbers for the same seed, in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    // Spread over the whole interval, not stuck in a corner.
    expect(Math.min(...xs)).toBeLessThan(0.01);
    expect(Math.max(...xs)).toBeGreaterThan(0.99);
    expect(xs.filter((x) => x < 0.5).length).toBeGreaterThan(450);
    expect(xs.filter((x) => x < 0.5).length).toBeLessThan(550);
    // The reference values of mulberry32 for seed 42.
    const ref = seededRandom(42);
    expect([ref(), ref(), ref()].map((x) => Math.floor(x * 4294967296))).toEqual(
      [0.6011037519201636, 0.44829055899754167, 0.8524657934904099].map((x) =>
        Math.floor(x * 4294967296),
      ),
    );
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });

  it("randomId draws `length` characters of the alphabet", () => {
    const id = randomId(seededRandom(1), 500);
    expect(id).toMatch(/^[A-Za-z0-9]{500}$/);
    expect(new Set(id).size).toBeGreaterThan(55);
    expect(randomId(seededRandom(1), 0)).toBe("");
    expect(randomId(() => 0.999_999, 3, "xy")).toBe("yyy");
    expect(randomId(() => 0, 2)).toBe("AA");
  });
});

describe("fakeAccount", () => {
  it("generates users with ids and numbered emails, or completes the given ones", () => {
    const generated = fakeAccount(3, 2);
    expect(generated.accountId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(generated.users).toHaveLength(2);
    expect(generated.users.map((u) => u.email)).toEqual(["user1@example.com", "user2@example.com"]);
    for (const user of generated.users) expect(user.id).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(generated.users[0]?.id).not.toBe(generated.users[1]?.id);
    const given = fakeAccount(3, [{ id: "u-1" }, { email: "b@example.com" }]);
    expect(given.users[0]).toEqual({ id: "u-1", email: "user1@example.com", status: "active" });
    expect(generated.users.map((u) => u.status)).toEqual(["active", "active"]);
    expect(fakeAccount(3, [{ status: "inactive" }]).users[0]?.status).toBe("inactive");
    expect(given.users[1]?.email).toBe("b@example.com");
    expect(given.users[1]?.id).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(fakeAccount(3, 2)).toMatchObject({
      accountId: generated.accountId,
      users: generated.users,
    });
    expect(fakeAccount(4, 2).accountId).not.toBe(generated.accountId);
  });
});

describe("file content", () => {
  it("serves a file as 64 KiB chunks of its window of the pattern", () => {
    const chunks = [...fileChunks(5, 0, 200_000)];
    expect(chunks.map((c) => c.length)).toEqual([65_536, 65_536, 65_536, 3_392]);
    const whole = fileBytes(5, 200_000);
    expect(whole.length).toBe(200_000);
    expect(Buffer.concat(chunks).equals(whole)).toBe(true);
    // A window starts at its offset: the file at offset 5 is the one at 0 without 5 bytes.
    expect(fileBytes(0, 200_005).subarray(5).equals(whole)).toBe(true);
    // A range of the file is the same bytes as the slice of the whole.
    expect(
      Buffer.concat([...fileChunks(5, 1000, 70_000)]).equals(whole.subarray(1000, 70_000)),
    ).toBe(true);
    expect([...fileChunks(5, 10, 10)]).toEqual([]);
  });

  it("wraps around the one-megabyte pattern without a seam", () => {
    const MB = 1 << 20;
    const across = fileBytes(MB - 100, 300);
    expect(across.subarray(100).equals(fileBytes(0, 200))).toBe(true);
    expect(fileBytes(MB + 7, 50).equals(fileBytes(7, 50))).toBe(true);
    // A chunk near the end of the pattern still holds a whole 64 KiB.
    const [chunk] = [...fileChunks(MB - 10, 0, 65_536)];
    expect(chunk?.length).toBe(65_536);
    expect(chunk?.subarray(10).equals(fileBytes(0, 65_526))).toBe(true);
  });

  it("is pseudo-random, not a constant or a short cycle", () => {
    const bytes = fileBytes(0, 1 << 20);
    expect(new Set(bytes).size).toBe(256);
    expect(bytes.subarray(0, 4096).equals(bytes.subarray(4096, 8192))).toBe(false);
    expect(fileBytes(0, 16).toString("hex")).not.toBe(fileBytes(1, 16).toString("hex"));
  });

  it("hashes what it serves", () => {
    const sha = createHash("sha256").update(fileBytes(123, 150_000)).digest("hex");
    expect(fileSha256(123, 150_000)).toBe(sha);
  });
});

describe("createPageTokens", () => {
  const cursor = (n: number, pageSize: number) => ({
    ids: Array.from({ length: n }, (_, i) => i),
    offset: 0,
    pageSize,
  });

  it("pages through the ids with opaque tokens, and none after the last page", () => {
    const tokens = createPageTokens(
      createClock(() => 0),
      1000,
    );
    const first = tokens.page(cursor(5, 2));
    expect(first.ids).toEqual([0, 1]);
    expect(first.next).toMatch(/^[A-Za-z0-9]{32}$/);
    const second = tokens.page(tokens.resume(first.next) ?? cursor(0, 1));
    expect(second.ids).toEqual([2, 3]);
    const third = tokens.page(tokens.resume(second.next) ?? cursor(0, 1));
    expect(third).toEqual({ ids: [4], next: "" });
    expect(tokens.page(cursor(4, 2)).next).not.toBe("");
    expect(tokens.page(cursor(4, 4))).toEqual({ ids: [0, 1, 2, 3], next: "" });
    expect(tokens.resume("made-up")).toBeUndefined();
  });

  it("expires a token exactly ttl after it was issued", () => {
    let now = 0;
    const tokens = createPageTokens(
      createClock(() => now),
      1000,
    );
    const { next } = tokens.page(cursor(3, 1));
    now = 999;
    expect(tokens.resume(next)).toMatchObject({ offset: 1, pageSize: 1 });
    now = 1000;
    expect(tokens.resume(next)).toBeUndefined();
  });
});
