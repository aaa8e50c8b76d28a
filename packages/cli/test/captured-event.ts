import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ZoomFake } from "@clipkit/testing";

/**
 * The recording.completed event the fake sends when `meetingUuid`'s recording completes
 * (with a download_token its download URLs accept), caught by a throwaway receiver so that a
 * test can deliver it to `watch` itself: as is, tampered, late or unsigned.
 */
export async function capturedEvent(fake: ZoomFake, meetingUuid: string): Promise<object> {
  let body = "";
  const server = createServer((req, res) => {
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    fake.webhooks.subscribe(`http://127.0.0.1:${port}/`, "capture-secret");
    const attempt = await fake.webhooks.completeRecording(meetingUuid);
    if (attempt.status !== 204) throw new Error(`capture failed: ${JSON.stringify(attempt)}`);
    return JSON.parse(body) as object;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
