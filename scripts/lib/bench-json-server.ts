// The server side of bench-overhead and bench-paginate, on a free loopback port, in its own
// process; sends its URL to the parent, then serves until killed. Without an argument every
// request gets one small JSON page; with a number N (bench-paginate) it is a Zoom-style
// token-paged listing of N meetings in pages of `page_size`, each page but the last naming
// the next one's token.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const small = JSON.stringify({
  next_page_token: "",
  page_size: 10,
  total_records: 3,
  items: [
    { id: "a1", title: "Standup" },
    { id: "a2", title: "Demo" },
    { id: "a3", title: "Retro" },
  ],
  data: [],
  meetings: [],
});

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

function page(total: number, url: URL): string {
  const size = Number(url.searchParams.get("page_size") ?? 30);
  const start = Number(url.searchParams.get("next_page_token") || 0);
  const end = Math.min(total, start + size);
  const items: string[] = [];
  for (let n = start; n < end; n++) items.push(meeting(n));
  return `{"page_size":${size},"total_records":${total},"next_page_token":"${end < total ? end : ""}","meetings":[${items.join(",")}]}`;
}

const listing = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
const server = createServer((req, res) => {
  const body = listing === undefined ? small : page(listing, new URL(req.url ?? "/", "http://x"));
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
