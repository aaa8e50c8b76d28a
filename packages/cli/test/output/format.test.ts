import { describe, expect, it } from "vitest";
import { formatBytes } from "../../src/output/format.js";
import { formatTable } from "../../src/output/table.js";

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1024, "1.0 KiB"],
    [1536, "1.5 KiB"],
    [1024 ** 2 - 1, "1024.0 KiB"],
    [5 * 1024 ** 2, "5.0 MiB"],
    [1024 ** 3, "1.0 GiB"],
    [2.5 * 1024 ** 4, "2.5 TiB"],
    // No unit above TiB: the number grows.
    [2048 * 1024 ** 4, "2048.0 TiB"],
  ])("%d → %s", (bytes, want) => {
    expect(formatBytes(bytes)).toBe(want);
  });
});

describe("formatTable", () => {
  it("aligns columns under the header, two spaces apart, the last column unpadded", () => {
    expect(
      formatTable(
        ["NAME", "SIZE", "ID"],
        [
          ["a", "1.0 KiB", "x"],
          ["longer name", "2 B", "yy"],
        ],
      ),
    ).toBe(
      ["NAME         SIZE     ID", "a            1.0 KiB  x", "longer name  2 B      yy"].join(
        "\n",
      ),
    );
  });

  it("counts width in code points; no trailing spaces when the last cells are empty", () => {
    expect(
      formatTable(
        ["A", "B"],
        [
          ["🎬🎬", ""],
          ["é", "z"],
        ],
      ),
    ).toBe(["A   B", "🎬🎬", "é   z"].join("\n"));
  });

  it("a header alone when there are no rows; a missing cell counts as empty", () => {
    expect(formatTable(["START", "TOPIC"], [])).toBe("START  TOPIC");
    expect(formatTable(["A", "B", "C"], [["x"]])).toBe("A  B  C\nx");
  });
});
