import { writeFileSync } from "node:fs";
import { startZoomFake } from "@clipkit/testing";
const fake = await startZoomFake({ meetingsPerUser: 6, filesPerMeeting: 3, fileSize: { min: 4096, max: 65536 }, from: "2024-05-01", to: "2024-05-31",
  users: [{ email: "a@example.com", status: "active" }, { email: "b@example.com", status: "inactive" }, { email: "c@example.com", status: "pending" }] } as never);
writeFileSync("/tmp/fake.env", `export ZOOM_ACCOUNT_ID=${fake.credentials.accountId} ZOOM_CLIENT_ID=${fake.credentials.clientId} ZOOM_CLIENT_SECRET=${fake.credentials.clientSecret} BASE=${fake.baseUrl} TOKEN_URL=${fake.tokenUrl}\n`);
console.log("ready");
setInterval(() => {}, 1 << 30);
