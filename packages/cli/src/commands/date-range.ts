import type { Command } from "commander";
import { day } from "./flags.js";

/** `--from` and `--to`: the days a Zoom command lists, any length (listed a month at a time). */
export interface DateRangeFlags {
  from: string;
  to?: string;
}

export function withDateRange<C extends Command>(command: C): C {
  return command
    .requiredOption("--from <date>", "first day, YYYY-MM-DD (UTC)", day)
    .option("--to <date>", "last day, YYYY-MM-DD (UTC); default today", day) as C;
}

/** The range's last day (`--to`, else today, UTC); a range that ends before it starts is refused. */
export function lastDay(flags: DateRangeFlags, usage?: (message: string) => never): string {
  const to = flags.to ?? new Date().toISOString().slice(0, 10);
  if (usage && to < flags.from) {
    usage(
      flags.to === undefined
        ? `--from ${flags.from} is after today (${to}), where the range ends without --to`
        : `--to ${to} is before --from ${flags.from}`,
    );
  }
  return to;
}
