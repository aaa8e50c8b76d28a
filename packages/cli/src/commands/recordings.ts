import {
  createZoomCloudRecordingClient,
  listAllRecordings,
  unwrap,
  type ZoomCloudRecordingClient,
} from "@clipkit/zoom-cloud-recording";
import { Command } from "commander";
import type { RunContext } from "../io.js";
import { formatBytes } from "../output/format.js";
import { formatTable } from "../output/table.js";
import { type DateRangeFlags, lastDay, withDateRange } from "./date-range.js";
import { MAX_RETRIES } from "./flags.js";
import { connectZoom, withZoomOptions, type ZoomCommandOptions } from "./zoom-options.js";

interface JsonFlag extends ZoomCommandOptions {
  json?: boolean;
}

async function client(
  flags: ZoomCommandOptions,
  run: RunContext,
): Promise<ZoomCloudRecordingClient> {
  const { auth, baseUrl } = await connectZoom(flags, run);
  return createZoomCloudRecordingClient({
    auth,
    maxRetries: MAX_RETRIES,
    baseUrl,
  });
}

const printer =
  (run: RunContext) =>
  (text: string): void =>
    void run.io.stdout.write(`${text}\n`);
const example = (lines: string) => `\nExample:\n  ${lines}\n`;

function listCommand(run: RunContext): Command {
  const print = printer(run);
  const command = withDateRange(
    new Command("list")
      .description("List a user's recorded meetings over a date range (any length)")
      .requiredOption("--user <id>", "user ID, email or `me`"),
  ).option("--json", "one JSON object per meeting");
  return withZoomOptions(command)
    .addHelpText(
      "after",
      example("clipkit zoom recordings list --user me --from 2024-01-01 --to 2024-03-31"),
    )
    .action(async (flags: JsonFlag & DateRangeFlags & { user: string }) => {
      const zoom = await client(flags, run);
      const rows: string[][] = [];
      for await (const meeting of listAllRecordings(zoom, {
        userId: flags.user,
        from: flags.from,
        to: lastDay(flags),
      })) {
        if (flags.json) print(JSON.stringify(meeting));
        else {
          const files = meeting.recording_files ?? [];
          const bytes = files.reduce((sum, f) => sum + (f.file_size ?? 0), 0);
          rows.push([
            meeting.start_time ?? "",
            meeting.topic ?? "",
            String(files.length),
            formatBytes(bytes),
            meeting.uuid ?? "",
          ]);
        }
      }
      if (!flags.json) print(formatTable(["START", "TOPIC", "FILES", "SIZE", "UUID"], rows));
    });
}

function getCommand(run: RunContext): Command {
  const print = printer(run);
  const command = new Command("get")
    .description("Show one meeting's recordings (by meeting ID or instance UUID)")
    .argument("<meeting>", "meeting ID, or an instance UUID as Zoom gives it")
    .option("--json", "the answer as JSON");
  return withZoomOptions(command)
    .addHelpText("after", example("clipkit zoom recordings get 'aDzDrGqHQ2e8mNz0Ac1AnQ=='"))
    .action(async (meetingId: string, flags: JsonFlag) => {
      const zoom = await client(flags, run);
      const meeting = await unwrap(
        zoom.GET("/meetings/{meetingId}/recordings", { params: { path: { meetingId } } }),
      );
      if (flags.json) return print(JSON.stringify(meeting));
      print(`${meeting.topic ?? ""} — ${meeting.start_time ?? ""} — ${meeting.uuid ?? ""}`);
      print(
        formatTable(
          ["TYPE", "RECORDING TYPE", "SIZE", "ID"],
          (meeting.recording_files ?? []).map((f) => [
            f.file_type ?? "",
            f.recording_type ?? "",
            formatBytes(f.file_size ?? 0),
            f.id ?? "",
          ]),
        ),
      );
    });
}

function trashCommand(run: RunContext): Command {
  const print = printer(run);
  const command = new Command("trash")
    .description(
      "Move a meeting's recordings (or one file of it) to the trash (recoverable 30 days)",
    )
    .argument("<meeting>", "meeting ID, or an instance UUID as Zoom gives it")
    .option("--recording <id>", "only this recording file");
  return withZoomOptions(command)
    .addHelpText("after", example("clipkit zoom recordings trash 'aDzDrGqHQ2e8mNz0Ac1AnQ=='"))
    .action(async (meetingId: string, flags: ZoomCommandOptions & { recording?: string }) => {
      const zoom = await client(flags, run);
      const query = { action: "trash" as const };
      await unwrap(
        flags.recording
          ? zoom.DELETE("/meetings/{meetingId}/recordings/{recordingId}", {
              params: { path: { meetingId, recordingId: flags.recording }, query },
            })
          : zoom.DELETE("/meetings/{meetingId}/recordings", {
              params: { path: { meetingId }, query },
            }),
      );
      print(`moved to trash: ${meetingId}${flags.recording ? ` / ${flags.recording}` : ""}`);
    });
}

function recoverCommand(run: RunContext): Command {
  const print = printer(run);
  const command = new Command("recover")
    .description("Recover a meeting's recordings from the trash")
    .argument("<meetingUUID>", "the meeting instance's UUID (or meeting ID)");
  return withZoomOptions(command)
    .addHelpText("after", example("clipkit zoom recordings recover 'aDzDrGqHQ2e8mNz0Ac1AnQ=='"))
    .action(async (meetingUUID: string, flags: ZoomCommandOptions) => {
      const zoom = await client(flags, run);
      await unwrap(
        zoom.PUT("/meetings/{meetingUUID}/recordings/status", {
          params: { path: { meetingUUID } },
          body: { action: "recover" },
        }),
      );
      print(`recovered: ${meetingUUID}`);
    });
}

export const recordingCommands = (run: RunContext) => [
  listCommand(run),
  getCommand(run),
  trashCommand(run),
  recoverCommand(run),
];
