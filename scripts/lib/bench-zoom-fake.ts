// The Zoom fake of `pnpm bench:archive`, in its own process so that neither contender shares
// an event loop with the server. Sends its URLs and credentials over IPC; exits on disconnect.
import { startZoomFake } from "@clipkit/testing";

const [meetings, fileMiB] = process.argv.slice(2).map(Number);
const fake = await startZoomFake({
  from: "2024-05-01",
  to: "2024-05-31",
  meetingsPerUser: meetings,
  filesPerMeeting: 3,
  fileSize: Math.round((fileMiB ?? 1) * 1024 * 1024),
  awkwardUuids: false,
});
process.send?.({
  baseUrl: fake.baseUrl,
  tokenUrl: fake.tokenUrl,
  origin: fake.origin,
  credentials: fake.credentials,
  token: fake.issueToken(),
});
process.on("disconnect", () => void fake.close().then(() => process.exit(0)));
