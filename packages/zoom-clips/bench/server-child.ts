/**
 * The servers for bench/upload.ts, in their own process so their memory is not counted against
 * the uploader: the Clips fake of @clipkit/testing (bytes hashed as they stream in, never
 * kept), and the baseline's target, a plain node:http sink that counts and hashes a body.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startZoomClipsFake } from "@clipkit/testing";

const fake = await startZoomClipsFake({
  users: 1,
  clipsPerUser: 0,
  keepUploadBytes: false,
  // runner-child.mjs builds its client with this fixed token.
  bearerTokens: ["bench-token"],
});

const sink = { bytes: 0, sha256: undefined as string | undefined };
const sinkServer = createServer(async (req, res) => {
  const hash = createHash("sha256");
  for await (const chunk of req) {
    sink.bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  sink.sha256 = hash.digest("hex");
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(sink));
});
await new Promise<void>((resolve) => sinkServer.listen(0, "127.0.0.1", resolve));
const sinkUrl = `http://127.0.0.1:${(sinkServer.address() as AddressInfo).port}/sink`;

process.send?.({ type: "ready", url: fake.fileBaseUrl, sinkUrl });
process.on("message", (message: { type: string }) => {
  if (message.type === "stats") {
    process.send?.({
      type: "stats",
      sink,
      clips: fake.state.clips.map((clip) => ({
        size: clip.size,
        sha256: fake.state.sha256(clip.id),
        via: clip.uploadedVia,
      })),
      partRequests: fake.state.requests.filter((r) => r.path.endsWith("/clips/files/multipart"))
        .length,
    });
  } else if (message.type === "reset-sink") {
    sink.bytes = 0;
    sink.sha256 = undefined;
    process.send?.({ type: "reset-sink" });
  } else if (message.type === "stop") {
    sinkServer.closeAllConnections();
    sinkServer.close();
    void fake.close().then(() => process.exit(0));
  }
});
