import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./workspace.ts";

/** The path of a tool installed in the root node_modules/.bin. */
export const bin = (name: string, root = repoRoot) => join(root, "node_modules", ".bin", name);

/** Runs a command with inherited output; exits the process with its status when it fails. */
export function step(title: string, command: string, args: string[], cwd = repoRoot): void {
  console.log(
    `\n▶ ${title}: ${[command.replace(`${cwd}/node_modules/.bin/`, ""), ...args].join(" ")}`,
  );
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** turbo needs pnpm on the PATH; outside `pnpm run` it may be missing (corepack is broken here). */
export function requirePnpm(script: string): void {
  const underPnpm = process.env.npm_config_user_agent?.startsWith("pnpm/") ?? false;
  const onPath = spawnSync("pnpm", ["--version"], { stdio: "ignore" }).status === 0;
  if (!underPnpm && !onPath) {
    console.error(`turbo needs pnpm on the PATH. Run this as: npx -y pnpm@10.34.8 ${script}`);
    process.exit(1);
  }
}
