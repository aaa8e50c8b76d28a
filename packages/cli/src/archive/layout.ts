import type { RecordingFile, RecordingMeeting } from "@clipkit/zoom-cloud-recording";

/** Characters Windows refuses in names (macOS and Linux refuse `/`), and control characters. */
const UNSAFE = /[<>:"/\\|?*]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const CONTROL = /[\u0000-\u001f\u007f]/g;
/** Names Windows reserves whatever the extension (`CON.txt` too). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Leaves room for the rest of the path under Windows' 260-character default limit. */
const MAX_NAME = 80;

/**
 * One path component that Windows, macOS and Linux all accept, the same on every run: unsafe
 * characters become `_`, no trailing dot or space, no reserved device name, NFC (as macOS
 * stores names), at most `MAX_NAME` characters (cut on a code point, not inside one).
 */
export function safeName(raw: string, fallback = "_"): string {
  let name = raw
    .normalize("NFC")
    .replace(UNSAFE, "_")
    .replace(CONTROL, "_")
    .replace(/\s+/g, " ")
    .trim();
  name = Array.from(name).slice(0, MAX_NAME).join("");
  // Also turns `.` and `..` into nothing: only the empty name needs the fallback.
  name = name.replace(/[. ]+$/, "");
  if (name === "") name = fallback;
  if (RESERVED.test(name)) name = `_${name}`;
  return name;
}

/** `2024-03-05 1430` from an ISO time (UTC), or `undated`. */
function stamp(time: string | undefined): string {
  // Stryker disable next-line StringLiteral: any text that fails the anchored pattern, as a missing time does
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(time ?? "");
  return match ? `${match[1]} ${match[2]}${match[3]}` : "undated";
}

/** A folder per meeting instance: its start, topic and meeting ID. */
export function meetingFolder(meeting: Omit<RecordingMeeting, "recording_files">): string {
  const id = meeting.id === undefined ? "" : ` (${meeting.id})`;
  return safeName(`${stamp(meeting.start_time)} ${safeName(meeting.topic ?? "", "")}`) + id;
}

/**
 * A file's name in its meeting folder: its recording type and the start of its ID, which keeps
 * two files of one type apart (a recording stopped and restarted gives two MP4s).
 */
export function fileName(file: RecordingFile): string {
  const kind = file.recording_type ?? file.file_type ?? "file";
  const id = (file.id ?? "").replace(/[^A-Za-z0-9]/g, "").slice(0, 8);
  // Zoom lists its TIMELINE file without an extension: it is JSON.
  const extension = (
    file.file_extension ??
    (file.file_type === "TIMELINE" ? "json" : file.file_type) ??
    "bin"
  ).toLowerCase();
  return safeName(`${kind}${id ? `-${id}` : ""}.${safeName(extension, "bin")}`);
}

/** Where a file goes under `--out`, as a relative path with `/` (the manifest's form). */
export function archivePath(
  user: string,
  meeting: Omit<RecordingMeeting, "recording_files">,
  file: RecordingFile,
): string {
  return [safeName(user), meetingFolder(meeting), fileName(file)].join("/");
}

/** The folder of a user's clips, beside their meetings' folders. */
export const CLIPS_FOLDER = "clips";

/**
 * Whether a path under `--out` is in a user's clips folder: a meeting's folder starts with a
 * date or `undated`, so it is never named `clips`.
 */
export const isClipPath = (path: string): boolean => path.split("/")[1] === CLIPS_FOLDER;

/**
 * Where a clip goes under `--out`: `<user>/clips/<created> <title> (<clip ID>).mp4`. The ID
 * keeps two clips of one title and minute apart; Zoom serves every clip as an MP4.
 */
export function clipPath(
  user: string,
  clip: { clip_id: string; title?: string; created_date?: string },
): string {
  const head = safeName(`${stamp(clip.created_date)} ${safeName(clip.title ?? "", "")}`);
  return [safeName(user), CLIPS_FOLDER, `${head} (${safeName(clip.clip_id)}).mp4`].join("/");
}
