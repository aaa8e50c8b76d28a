// Plain parallel downloads, what a script with curl -L and xargs -P does: the month listed once,
// then every file downloaded N at a time into a folder. bench:archive runs it inside its own
// (warm) process, and as a process of its own, which pays node's start-up as the CLI does;
// with `sha256`, each file is also hashed as it streams, the one piece of work an archiver
// that records checksums cannot leave out:
//   node scripts/lib/plain-archive.mjs <baseUrl> <token> <concurrency> <out> [sha256]
// Plain JavaScript, so that the process runs without a TypeScript loader.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";

export async function listDownloadUrls(baseUrl, token) {
  const url = `${baseUrl}/users/me/recordings?from=2024-05-01&to=2024-05-31&page_size=300`;
  const page = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json();
  return page.meetings.flatMap((m) => m.recording_files.map((f) => f.download_url));
}

/** Passes the bytes through, hashing them as they go. */
async function* hashing(source) {
  const hash = createHash("sha256");
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
  hash.digest("hex");
}

export async function plainArchive(baseUrl, token, concurrency, out, sha256 = false) {
  const urls = await listDownloadUrls(baseUrl, token);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      const response = await fetch(urls[index], { headers: { authorization: `Bearer ${token}` } });
      const file = createWriteStream(join(out, `${index}.bin`));
      if (sha256) await pipeline(Readable.fromWeb(response.body), hashing, file);
      else await pipeline(Readable.fromWeb(response.body), file);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [baseUrl, token, concurrency, out, hash] = process.argv.slice(2);
  await plainArchive(baseUrl, token, Number(concurrency), out, hash === "sha256");
}
