/**
 * One measured side of bench/upload.ts, in a fresh process so that both sides start from the
 * same baseline (the parent's file writing and bookkeeping are not counted against either).
 * argv: <upload|plain> <url: the file API, or the plain sink> <file> <size> <part size>. Reports { ms, peakRss, baselineRss }.
 *
 * Plain JavaScript on the built package (dist/), run by bare node: a TypeScript loader (tsx
 * runs a loader thread of its own) would add ~35 MB to both sides' RSS that no user pays.
 */
import { createReadStream } from "node:fs";
import { request } from "node:http";
import { pipeline } from "node:stream/promises";
import { createZoomClipsClient } from "../dist/index.js";
import { uploadClip } from "../dist/node/index.js";

const [kind, url, file, sizeText, partText] = process.argv.slice(2);
const size = Number(sizeText);

function sampleRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

function plainPipe() {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", "content-length": size },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    pipeline(createReadStream(file), req).catch(reject);
  });
}

async function upload() {
  const client = createZoomClipsClient({ auth: "bench-token", baseUrl: url, fileBaseUrl: url });
  await uploadClip(client, file, { partSize: Number(partText), concurrency: 4 });
}

const baselineRss = process.memoryUsage().rss;
const stop = sampleRss();
const started = performance.now();
await (kind === "upload" ? upload() : plainPipe());
const ms = performance.now() - started;
process.send?.({ ms, peakRss: stop(), baselineRss });
process.disconnect?.();
