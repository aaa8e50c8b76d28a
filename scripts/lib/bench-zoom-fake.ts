// The Zoom fake of the benchmarks (`pnpm bench:archive`, `pnpm bench:account`), in its own
// process so that no contender shares an event loop with the server. Takes the fake's options
// as JSON, sends its URLs and credentials over IPC, answers `report` with what it served;
// exits on disconnect.
import { startZoomFake, type ZoomFakeOptions } from "@clipkit/testing";
import type { BenchFakeReport } from "./bench-fake-report.ts";

const options = JSON.parse(process.argv[2] ?? "{}") as ZoomFakeOptions;
const fake = await startZoomFake(options);
process.send?.({
  baseUrl: fake.baseUrl,
  tokenUrl: fake.tokenUrl,
  origin: fake.origin,
  credentials: fake.credentials,
  token: fake.issueToken(),
});
process.on("message", (message: { type?: string }) => {
  if (message.type !== "report") return;
  const statusOf = new Map(fake.state.users.map((u) => [u.id, u]));
  const report: BenchFakeReport = {
    requests: fake.state.requests.map(({ target, status, rateLimit }) => ({
      target,
      status,
      ...(rateLimit ? { rateLimit } : {}),
    })),
    files: fake.state.files().map((file) => {
      const host = statusOf.get(file.meeting.hostId);
      return {
        id: file.id,
        user: host?.email ?? "",
        userStatus: host?.status ?? "active",
        size: file.size,
        sha256: fake.state.sha256(file.id),
      };
    }),
  };
  process.send?.(report);
});
process.on("disconnect", () => void fake.close().then(() => process.exit(0)));
