import { describe, expect, it } from "vitest";
import { multipartBody, toFormData } from "../src/index.js";

describe("toFormData: the FormData of a raw upload call", () => {
  it("Blobs become file parts (clip.mp4 unless a File names itself), the rest text, undefined left out", () => {
    const form = toFormData({
      file: new Blob([new Uint8Array([1, 2])], { type: "video/mp4" }),
      named: new File([new Uint8Array([3])], "talk.webm"),
      part_number: 3,
      upload_context: undefined,
    });
    expect((form.get("file") as File).name).toBe("clip.mp4");
    expect((form.get("named") as File).name).toBe("talk.webm");
    expect(form.get("part_number")).toBe("3");
    expect(form.has("upload_context")).toBe(false);
    expect([...form.keys()]).toEqual(["file", "named", "part_number"]);
  });

  it("multipartBody names an unnamed Blob as asked", () => {
    const body = multipartBody({ file: new Blob([new Uint8Array([1])]) }, { filename: "x.webm" });
    expect((body.bodySerializer().get("file") as File).name).toBe("x.webm");
  });
});
