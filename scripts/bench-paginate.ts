// Usage: tsx scripts/bench-paginate.ts [--items N] [--page-size N] [--rounds N]
// (run as `pnpm bench:paginate`; it builds first). A benchmark, not a test.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createZoomCloudRecordingClient, type paths } from "@clipkit/zoom-cloud-recording";
import createClient from "openapi-fetch";
import { helpFlag, numberFlag } from "./lib/bench-flags.ts";

const HELP = `Usage: pnpm bench:paginate [--items 100000] [--page-size 300] [--rounds 7]

Lists <items> meetings in pages of <page-size> from a local token-paged server (in a child
process): a hand-written openapi-fetch loop over next_page_token against the Cloud Recording
client's \`paginate\` (items, then .pages()). The two take turns within each round; the median
of the rounds is printed in ms and as a ratio to the hand-written loop.
Exits 1 when \`paginate\` is slower than 1.1× the loop (the goal).`;

helpFlag(HELP);
const items = numberFlag("items", 100_000);
const pageSize = Math.min(300, numberFlag("page-size", 300));
const rounds = numberFlag("rounds", 7);
const GOAL = 1.1;

const child = fork(
  fileURLToPath(new URL("./lib/bench-json-server.ts", import.meta.url)),
  [String(items)],
  { execArgv: ["--import", "tsx"] },
);
const baseUrl = await new Promise<string>((resolve) =>
  child.once("message", (m) => resolve(String(m))),
);

const bare = createClient<paths>({ baseUrl, headers: { Authorization: "Bearer bench-token" } });
const recordings = createZoomCloudRecordingClient({ auth: "bench-token", baseUrl });
const listing = { path: { userId: "me" }, query: { page_size: pageSize } };

const contenders: { name: string; ours: boolean; run: () => Promise<number> }[] = [
  {
    name: "openapi-fetch loop",
    ours: false,
    async run() {
      let count = 0;
      let token: string | undefined;
      do {
        const { data, error } = await bare.GET("/users/{userId}/recordings", {
          params: { path: listing.path, query: { ...listing.query, next_page_token: token } },
        });
        if (!data) throw new Error(`listing failed: ${JSON.stringify(error)}`);
        for (const _ of data.meetings ?? []) count++;
        token = data.next_page_token || undefined;
      } while (token);
      return count;
    },
  },
  {
    name: "paginate (items)",
    ours: true,
    async run() {
      let count = 0;
      for await (const _ of recordings.paginate("/users/{userId}/recordings", listing)) count++;
      return count;
    },
  },
  {
    name: "paginate .pages()",
    ours: true,
    async run() {
      let count = 0;
      for await (const page of recordings.paginate("/users/{userId}/recordings", listing).pages()) {
        for (const _ of page.meetings ?? []) count++;
      }
      return count;
    },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
async function timed(c: (typeof contenders)[number]): Promise<number> {
  const started = performance.now();
  const count = await c.run();
  if (count !== items) throw new Error(`${c.name} listed ${count} items, expected ${items}`);
  return performance.now() - started;
}
for (const c of contenders) await timed(c); // warm-up: JIT, connection pool
for (let round = 0; round < rounds; round++) {
  const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
  for (const c of order) if (c) times.get(c.name)?.push(await timed(c));
}
child.kill();

const baseline = median(times.get("openapi-fetch loop") ?? []);
let missed = false;
console.log(`${items} items in pages of ${pageSize}, ${rounds} rounds, medians\n`);
console.log("| contender | ms | ratio |");
console.log("| --- | ---: | ---: |");
for (const c of contenders) {
  const ms = median(times.get(c.name) ?? []);
  const ratio = ms / baseline;
  if (c.ours && ratio > GOAL) missed = true;
  console.log(`| ${c.name} | ${ms.toFixed(0)} | ${ratio.toFixed(2)}× |`);
}
console.log(`\ngoal: paginate ≤ ${GOAL}× the hand-written loop — ${missed ? "MISSED" : "met"}`);
process.exit(missed ? 1 : 0);
