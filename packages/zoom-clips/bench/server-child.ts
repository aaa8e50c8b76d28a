/**
 * The fake file server for bench/upload.ts, in its own process so its memory is not counted
 * against the uploader. Bench mode: part bytes are counted and hashed, never kept.
 */
import { startFakeFileServer } from "../test/uploads/fake-file-server.js";

const server = await startFakeFileServer({ store: false });
process.send?.({ type: "ready", url: server.url });
process.on("message", (message: { type: string }) => {
  if (message.type === "stats") {
    process.send?.({
      type: "stats",
      sink: server.sink,
      clips: [...server.clips.values()].map(({ size, sha256, via }) => ({ size, sha256, via })),
      partRequests: server.requests.filter((r) => r.path === "/clips/files/multipart").length,
    });
  } else if (message.type === "reset-sink") {
    server.sink.bytes = 0;
    server.sink.sha256 = undefined;
    process.send?.({ type: "reset-sink" });
  } else if (message.type === "stop") {
    void server.close().then(() => process.exit(0));
  }
});
