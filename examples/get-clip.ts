// Reads a clip, and tells a missing clip apart from other failures by its error class.
// ZOOM_TOKEN=… npx tsx examples/get-clip.ts <clipId>
import { ApiError, createZoomClipsClient, NotFoundError, unwrap } from "@clipkit/zoom-clips";

const zoom = createZoomClipsClient({
  auth: process.env.ZOOM_TOKEN ?? "",
  ...(process.env.ZOOM_API_BASE_URL ? { baseUrl: process.env.ZOOM_API_BASE_URL } : {}),
});
const clipId = process.argv[2] ?? "c1";
try {
  const clip = await unwrap(zoom.GET("/clips/{clipId}", { params: { path: { clipId } } }));
  console.log(`clip ${clip.clip_id}: ${clip.title}`);
} catch (error) {
  if (error instanceof NotFoundError) console.log(`no clip ${clipId}`);
  else if (error instanceof ApiError)
    console.log(`Zoom answered ${error.status}: ${error.message}`);
  else throw error;
}
