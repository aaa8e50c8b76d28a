import { describe, expect, it } from "vitest";
import {
  ClipKitValidationError,
  createZoomCloudRecordingClient,
  serverToServerOAuth,
} from "../../src/index.js";
import { downloadRecordingFile } from "../../src/node/index.js";

const sent: string[] = [];
const fetch: typeof globalThis.fetch = async (input) => {
  sent.push(String(input));
  return new Response("{}");
};

describe("credentials never travel over plain http (except loopback) unless opted in", () => {
  it("the client's baseUrl", () => {
    expect(() =>
      createZoomCloudRecordingClient({ auth: "t", baseUrl: "http://zoom.example.com/v2", fetch }),
    ).toThrow(/^baseUrl: .*allowInsecureHttp: true/);
    createZoomCloudRecordingClient({
      auth: "t",
      baseUrl: "http://zoom.example.com/v2",
      fetch,
      allowInsecureHttp: true,
    });
    createZoomCloudRecordingClient({ auth: "t", baseUrl: "http://127.0.0.1:4010/v2", fetch });
  });

  it("the token URL of Server-to-Server OAuth", () => {
    const options = { accountId: "a", clientId: "c", clientSecret: "s", fetch };
    expect(() =>
      serverToServerOAuth({ ...options, tokenUrl: "http://zoom.example.com/t" }),
    ).toThrow(ClipKitValidationError);
    serverToServerOAuth({
      ...options,
      tokenUrl: "http://zoom.example.com/t",
      allowInsecureHttp: true,
    });
  });

  it("a download's trusted origins", async () => {
    await expect(
      downloadRecordingFile("http://proxy.example.com/rec/1", {
        auth: "t",
        trustedOrigins: ["http://proxy.example.com"],
        fetch,
        stream: true,
      }),
    ).rejects.toThrow(/plain http:\/\/ to proxy\.example\.com.*allowInsecureHttp: true/);
    expect(sent).toEqual([]);
  });
});
