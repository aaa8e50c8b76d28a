// Creates an Uplynk draft clip (a 10-second window) with a signed request; the body is checked
// locally first, so an impossible window never reaches the API.
// UPLYNK_OWNER=… UPLYNK_API_KEY=… npx tsx examples/create-uplynk-draft.ts <assetId>
import { createDraftClip, createUplynkClippingClient } from "@clipkit/uplynk-clipping";

const uplynk = createUplynkClippingClient({
  owner: process.env.UPLYNK_OWNER ?? "",
  apiKey: process.env.UPLYNK_API_KEY ?? "",
  ...(process.env.UPLYNK_BASE_URL ? { baseUrl: process.env.UPLYNK_BASE_URL } : {}),
});
const beam = process.argv[2] ?? "asset-1";
const draft = await createDraftClip(uplynk, {
  beam,
  start: 55_000,
  duration: 10,
  title: "Highlight",
});
console.log(`draft ${draft.id} created`);
