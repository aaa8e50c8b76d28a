// A sandbox copy of the repository (scripts/lib/sandbox.ts) with the zoom-clips package and a
// git history of one commit, for the spec → changeset → release scenarios of issue 25. The
// scripts run as a maintainer runs them: `tsx scripts/<name>.ts` inside the copy.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { createSandbox } from "../../lib/sandbox.ts";
import { removedAfterTest } from "./temp-dir.ts";

type Doc = ReturnType<typeof parseDocument>;

/** A breaking change: an operation removed. */
export const MAJOR_EDIT = (doc: Doc) =>
  doc.deleteIn(["paths", "/clips/{clipId}/comments/{commentId}"]);
export const MAJOR_ENTRY =
  "- **major**: Removed operation DELETE /clips/{clipId}/comments/{commentId} (`deleteClipComment`)";

/** An additive change: the new optional query parameter `sort_order` on GET /clips. */
export const MINOR_EDIT = (doc: Doc) =>
  doc.addIn(["paths", "/clips", "get", "parameters"], {
    name: "sort_order",
    in: "query",
    required: false,
    schema: { type: "string", enum: ["asc", "desc"] },
  });
export const MINOR_ENTRY = "- **minor**: GET /clips: added optional query parameter `sort_order`";

export interface SpecSandbox {
  root: string;
  /** git in the sandbox, with an author set */
  git(...args: string[]): string;
  /** `tsx scripts/<script>` in the sandbox, the sandbox's tools first on the PATH */
  run(script: string, ...args: string[]): { status: number | null; stdout: string; stderr: string };
  /** applies `edit` to specs/zoom-clips.yaml */
  editSpec(edit: (doc: Doc) => unknown): void;
  /** commits every change of the work tree, new files included */
  commit(message: string): void;
  /** the text of .changeset/<name> (default: the zoom-clips spec changeset), or undefined */
  changeset(name?: string): string | undefined;
}

/** A fresh sandbox, removed when the calling test finishes (passed or failed). */
export function specSandbox(packages: string[] = ["zoom-clips"]): SpecSandbox {
  const root = removedAfterTest(createSandbox({ packages, commit: true }));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      cwd: root,
      encoding: "utf8",
    });
  const bin = join(root, "node_modules", ".bin");
  const run = (script: string, ...args: string[]) => {
    const result = spawnSync(join(bin, "tsx"), [script, ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const spec = join(root, "specs", "zoom-clips.yaml");
  return {
    root,
    git,
    run,
    editSpec(edit) {
      const doc = parseDocument(readFileSync(spec, "utf8"));
      edit(doc);
      writeFileSync(spec, doc.toString());
    },
    commit(message) {
      git("add", "-A");
      git("commit", "-qm", message);
    },
    changeset(name = "spec-zoom-clips.md") {
      try {
        return readFileSync(join(root, ".changeset", name), "utf8");
      } catch {
        return undefined;
      }
    },
  };
}
