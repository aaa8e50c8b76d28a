import { describe, expect, inject, it } from "vitest";
import { ApiError, type Clip, transferClips, waitForTransfer } from "../src/index.js";
import { calls, prismClient } from "./contract-fixtures.js";
import {
  type DocumentedResponse,
  deref,
  documentedResponses,
  type Json,
  operations,
  responseExample,
} from "./spec.js";

/**
 * Compares a response body with the spec's example, walking the *schema*: every property the
 * schema declares must be in the example and arrive with the same value, so a field dropped
 * from an example (or from the client's parsing) fails here.
 */
function expectFieldByField(actual: Json, example: Json, rawSchema: Json, at: string): void {
  let schema = deref(rawSchema);
  if (schema.oneOf) {
    const branches = (schema.oneOf as Json[]).map(deref);
    schema = branches.find((branch) =>
      (branch.required ?? []).every((key: string) => key in example),
    );
    expect(schema, `${at}: the example matches no oneOf branch`).toBeDefined();
  }
  if (schema.properties) {
    expect(actual, at).toBeTypeOf("object");
    for (const [key, propertySchema] of Object.entries(schema.properties as Record<string, Json>)) {
      expect(example, `${at}.${key} is missing from the spec's example`).toHaveProperty(key);
      expect(actual, `${at}.${key} did not reach the caller`).toHaveProperty(key);
      expectFieldByField(actual[key], example[key], propertySchema, `${at}.${key}`);
    }
    return;
  }
  if (schema.type === "array" && schema.items) {
    expect(actual, at).toHaveLength(example.length);
    example.forEach((item: Json, index: number) => {
      expectFieldByField(actual[index], item, schema.items, `${at}[${index}]`);
    });
    return;
  }
  expect(actual, at).toEqual(example);
}

interface Case {
  name: string;
  documented: DocumentedResponse;
  example: string | undefined;
}

// Every operation × every documented status × every example of that status.
const cases: Case[] = documentedResponses().flatMap((documented) => {
  const { operation, status, examples } = documented;
  const names = examples.length ? examples : [undefined];
  return names.map((example) => ({
    name: `${operation.method} ${operation.path} → ${status}${example ? ` (${example})` : ""}`,
    documented,
    example,
  }));
});

describe("every operation of specs/zoom-clips.yaml against Prism", () => {
  it("has a valid request for every operation of the spec", () => {
    const missing = operations()
      .map((operation) => operation.operationId)
      .filter((id) => !calls[id]);
    expect(missing).toEqual([]);
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(cases)("$name", async ({ documented, example }) => {
    const { operation, status, response: spec } = documented;
    const call = calls[operation.operationId];
    if (!call) throw new Error(`no request for ${operation.operationId}`);
    const prefer = `code=${status}${example ? `, example=${example}` : ""}`;
    const { data, error, response } = await call(prismClient(inject("prismUrl"), prefer), example);

    expect(response.status).toBe(status);
    for (const [name, header] of Object.entries((spec.headers ?? {}) as Record<string, Json>)) {
      const value = deref(header).example;
      if (value !== undefined)
        expect(response.headers.get(name), `header ${name}`).toBe(String(value));
    }
    if (status === 204) {
      expect(data).toBeUndefined();
      expect(error).toBeUndefined();
    } else if (status === 302) {
      expect(response.headers.get("Location")).toMatch(/^https:\/\//);
    } else if (status < 300 && spec.content?.["application/octet-stream"]) {
      // The file itself (after the redirect): Prism makes up the bytes; check they stream.
      expect(response.headers.get("Content-Type")).toBe("application/octet-stream");
      expect(data).toBeInstanceOf(ReadableStream);
      const bytes = new Uint8Array(await new Response(data as ReadableStream).arrayBuffer());
      expect(bytes.byteLength).toBeGreaterThan(0);
    } else if (status < 300) {
      expect(error).toBeUndefined();
      const want = responseExample(operation.operationId, status, example as string);
      expectFieldByField(data, want, spec.content["application/json"].schema, "body");
    } else {
      expect(data).toBeUndefined();
      const want = responseExample(operation.operationId, status, example as string);
      expect(want.code).toBeTypeOf("number");
      expect(error).toEqual({ code: want.code, message: want.message });
    }
  });
});

describe("routing and helpers against Prism", () => {
  it("sends the upload operations to the file host and everything else to the API host", async () => {
    const seen: string[] = [];
    const client = prismClient(inject("prismUrl"), undefined, seen);
    await calls.uploadClipFile?.(client);
    await calls.sendClipMultipartUploadEvent?.(client);
    await calls.getClip?.(client);
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatch(/^POST http:\/\/localhost:\d+\/clips\/files$/);
    expect(seen[1]).toMatch(
      /^POST http:\/\/localhost:\d+\/clips\/files\/multipart\/upload_events$/,
    );
    expect(seen[2]).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/clips\/A2R/);
  });

  it("download: the 302 and its Location reach the caller, not the file", async () => {
    const client = prismClient(inject("prismUrl"), "code=302");
    const { response } = await client.GET("/clips/{clipId}/download", {
      params: { path: { clipId: "A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ" } },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      "https://file.zoom.us/file/A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ?attachType=download&filename=clip.mp4",
    );
  });

  it("paginate yields the clips of the example page", async () => {
    const client = prismClient(inject("prismUrl"), "code=200, example=seed");
    // The example page has a next_page_token; Prism repeats it, which the paginator refuses.
    const clips: Clip[] = [];
    await expect(async () => {
      for await (const clip of client.paginate("/clips", { query: { page_size: 30 } }))
        clips.push(clip);
    }).rejects.toThrow(/page token "R4aF9Oj0fVM2hhezJTEmSKaBSkfesDwGy42" twice/);
    expect(clips.map((clip) => clip.clip_id)).toEqual([
      "A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ",
      "A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ",
    ]);
  });

  it.each([
    ["paginateClips", 400, "paginationError"],
    ["paginateAccountClips", 403, "noPermission"],
  ] as const)(
    "%s turns a forced %i into a ApiError with Zoom's code and message",
    async (helper, status, example) => {
      const client = prismClient(inject("prismUrl"), `code=${status}, example=${example}`);
      const pages =
        helper === "paginateClips"
          ? client.paginate("/clips").pages()
          : client
              .paginate("/accounts/{accountId}/clips", {
                path: { accountId: "TQTvjT52Tmi_wrhASNNOEw" },
              })
              .pages();
      const error = await (async () => {
        for await (const _ of pages) return undefined;
      })().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      const want = responseExample(
        helper === "paginateClips" ? "listClips" : "listAccountClips",
        status,
        example,
      );
      expect(error).toMatchObject({ status, code: want.code, apiMessage: want.message });
    },
  );

  it("transferClips returns the task, and waitForTransfer reports the example's FAILED task", async () => {
    const client = prismClient(inject("prismUrl"));
    const task = await transferClips(client, {
      source_owner_user_id: "user_123",
      target_owner_user_id: "user_234",
      transfer_type: "PARTIAL_TRANSFER",
      clip_id_list: ["clip_id_123"],
    });
    expect(task.task_id).toBe("task_id_123");
    await expect(waitForTransfer(client, task.task_id, { intervalMs: 100 })).rejects.toThrow(
      /task task_id_123 failed: PARTIAL_TRANSFER of 1 clip\(s\) \(clip_id_123\) from user_123 to user_234/,
    );
  });

  it("transferClips surfaces a forced 400 with Zoom's code", async () => {
    const client = prismClient(inject("prismUrl"), "code=400, example=transferInProgress");
    await expect(
      transferClips(client, {
        source_owner_user_id: "a",
        target_owner_user_id: "b",
        transfer_type: "FULL_TRANSFER",
      }),
    ).rejects.toMatchObject({
      status: 400,
      code: 30001,
      apiMessage: "Source user and target user have processing transfer task.",
    });
  });

  it("fails the test when the client sends what the spec forbids", async () => {
    const client = prismClient(inject("prismUrl"));
    const bad = client.GET("/clips", {
      // @ts-expect-error -- deliberately outside the enum to prove Prism's validator is on
      params: { query: { status: "RECORDING" } },
    });
    await expect(bad).rejects.toThrow(/not allowed by the spec/);
  });
});
