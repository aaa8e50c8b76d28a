// Usage: tsx scripts/bench-overhead.ts [--requests N] [--rounds N] [--concurrency N]
// (run as `pnpm bench:overhead`; it builds first). A benchmark, not a test.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createUplynkClippingClient } from "@clipkit/uplynk-clipping";
import { createZoomClips } from "./lib/bench-clients.ts";
import { helpFlag, numberFlag } from "./lib/bench-flags.ts";

const HELP = `Usage: pnpm bench:overhead [--requests 3000] [--rounds 7] [--concurrency 50]

Measures what each client adds to a plain GET of a small JSON page from a local node:http
server (in a child process, so it does not share this process's event loop): raw fetch,
bare openapi-fetch, and each ClipKit client with default options. Sequential and
<concurrency> in flight; the contenders take turns within each round (interleaved), and the
median of the rounds is printed as µs per request and as a ratio to raw fetch.
Exits 1 when a ClipKit client is slower than 1.15× raw fetch (the goal).`;

helpFlag(HELP);
const requests = numberFlag("requests", 3000);
const rounds = numberFlag("rounds", 7);
const concurrency = numberFlag("concurrency", 50);
const GOAL = 1.15;

const child = fork(fileURLToPath(new URL("./lib/bench-json-server.ts", import.meta.url)), [], {
  execArgv: ["--import", "tsx"],
});
const baseUrl = await new Promise<string>((resolve) =>
  child.once("message", (m) => resolve(String(m))),
);

type Call = () => Promise<unknown>;
const contenders: { name: string; call: Call; ours: boolean }[] = await (async () => {
  const openapiFetch = (await import("openapi-fetch")).default;
  const bare = openapiFetch<Record<string, never>>({ baseUrl });
  const { clips, recordings } = createZoomClips(baseUrl);
  const uplynk = createUplynkClippingClient({ owner: "o", apiKey: "k", baseUrl, maxRetries: 0 });
  const loose =
    // biome-ignore lint/suspicious/noExplicitAny: one loose call shape for every client.
      (client: any, path: string, init: object = {}) =>
      () =>
        client.GET(path, init);
  return [
    {
      name: "raw fetch",
      ours: false,
      call: async () => (await fetch(`${baseUrl}/clips/abc`)).json(),
    },
    { name: "openapi-fetch", ours: false, call: loose(bare, "/clips/abc") },
    {
      name: "zoom-clips",
      ours: true,
      call: loose(clips, "/clips/{clipId}", { params: { path: { clipId: "abc" } } }),
    },
    {
      name: "zoom-cloud-recording",
      ours: true,
      call: loose(recordings, "/users/{userId}/recordings", { params: { path: { userId: "me" } } }),
    },
    { name: "uplynk-clipping", ours: true, call: loose(uplynk, "/clipping_draft") },
  ];
})();

/** Wall time and this process's CPU time (user + system) per request, in µs. */
interface Sample {
  wall: number;
  cpu: number;
}

async function measure(n: number, run: () => Promise<void>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wall: ((performance.now() - started) * 1000) / n, cpu: (used.user + used.system) / n };
}

function sequential(call: Call, n: number): Promise<Sample> {
  return measure(n, async () => {
    for (let i = 0; i < n; i++) await call();
  });
}

function parallel(call: Call, n: number, width: number): Promise<Sample> {
  let next = 0;
  return measure(n, async () => {
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next++ < n) await call();
      }),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const samples = new Map<string, { seq: Sample[]; par: Sample[] }>(
  contenders.map((c) => [c.name, { seq: [], par: [] }]),
);
// Warm-up: JIT, connection pool.
for (const c of contenders) await sequential(c.call, 300);
for (let round = 0; round < rounds; round++) {
  // Rotate the order each round so no contender always runs first or last.
  const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
  for (const c of order) {
    if (!c) continue;
    samples.get(c.name)?.seq.push(await sequential(c.call, requests));
    samples.get(c.name)?.par.push(await parallel(c.call, requests, concurrency));
  }
}
child.kill();

const stat = (xs: Sample[], key: keyof Sample) => median(xs.map((x) => x[key]));
const raw = samples.get("raw fetch") as { seq: Sample[]; par: Sample[] };
let missed = false;
console.log(
  `${requests} GETs × ${rounds} rounds, medians; concurrent = ${concurrency} in flight. ` +
    "wall = µs per request; cpu = this process's CPU µs per request (steadier on a busy machine)\n",
);
console.log(
  "| client | seq wall µs | ratio | seq cpu µs | ratio | conc wall µs | ratio | conc cpu µs | ratio |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const c of contenders) {
  const s = samples.get(c.name) as { seq: Sample[]; par: Sample[] };
  const cells: string[] = [];
  for (const mode of ["seq", "par"] as const) {
    for (const key of ["wall", "cpu"] as const) {
      const value = stat(s[mode], key);
      const ratio = value / stat(raw[mode], key);
      if (c.ours && ratio > GOAL) missed = true;
      cells.push(value.toFixed(0), `${ratio.toFixed(2)}×`);
    }
  }
  console.log(`| ${c.name} | ${cells.join(" | ")} |`);
}
console.log(`\ngoal: every ClipKit client ≤ ${GOAL}× raw fetch — ${missed ? "MISSED" : "met"}`);
process.exit(missed ? 1 : 0);
