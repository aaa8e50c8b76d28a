// The server side of bench-paginate: a Zoom-style token-paged listing of `--items` meetings in
// pages of `page_size`, on a free loopback port, in its own process. Sends its URL to the
// parent, then serves until killed. Every page but the last names the next one's token.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const total = Number(process.argv[2] ?? 100_000);
const meeting = (n: number) =>
  JSON.stringify({
    uuid: `uuid-${n}==`,
    id: 1_000_000 + n,
    host_id: "host",
    topic: `Meeting ${n}`,
    type: 2,
    start_time: "2026-11-02T10:00:00Z",
    duration: 30,
    total_size: 1024,
    recording_count: 1,
  });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const size = Number(url.searchParams.get("page_size") ?? 30);
  const start = Number(url.searchParams.get("next_page_token") || 0);
  const end = Math.min(total, start + size);
  const items: string[] = [];
  for (let n = start; n < end; n++) items.push(meeting(n));
  const body = `{"page_size":${size},"total_records":${total},"next_page_token":"${end < total ? end : ""}","meetings":[${items.join(",")}]}`;
  res.writeHead(200, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.send?.(`http://127.0.0.1:${port}`);
});
