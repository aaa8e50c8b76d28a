// The server side of bench-overhead: one small JSON page for every request, on a free
// loopback port, in its own process. Sends its URL to the parent, then serves until killed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const body = JSON.stringify({
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
const server = createServer((_req, res) => {
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
