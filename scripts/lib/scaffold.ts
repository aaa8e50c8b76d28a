// Renders scripts/templates/api/ into packages/<name>/ for a new API, with the values the
// templates need read from the spec (title, server URL, first GET operation and its example).

import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { dereference } from "./deref.ts";
import { renderLimits, renderTypes } from "./generator.ts";
import { bin } from "./run.ts";
import { renderVersionFile, versionFile } from "./version-file.ts";
import { repoRoot } from "./workspace.ts";

// biome-ignore lint/suspicious/noExplicitAny: the spec is read as plain data.
type Json = any;

export const templatesDir = join(repoRoot, "scripts", "templates", "api");

/** `clip-store` → `ClipStore` */
export function pascalCase(name: string): string {
  return name.replace(/(^|[-_.\s]+)([a-z0-9])/gi, (_m, _sep, c: string) => c.toUpperCase());
}

/** Replaces every `{{key}}`; fails on a placeholder without a value, so templates stay honest. */
export function renderTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`No value for template placeholder {{${key}}}`);
    return value;
  });
}

export interface FirstGet {
  path: string;
  /** the lowest 2xx status */
  status: string;
  /** `{ path: {...}, query: {...} }` with a value for every required parameter */
  params: Record<string, Record<string, unknown>>;
  /** the name of the response's first named example, when it has `examples` */
  example?: string;
}

/** The first GET operation of the spec (document order) with values for its required parameters. */
export function firstGetOperation(spec: Json): FirstGet | undefined {
  const doc = dereference(spec);
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    const op = item?.get;
    if (!op) continue;
    const params: FirstGet["params"] = {};
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      if (!p.required || (p.in !== "path" && p.in !== "query")) continue;
      params[p.in] = { ...params[p.in], [p.name]: sampleValue(p) };
    }
    const status = Object.keys(op.responses ?? {})
      .filter((s) => /^2\d\d$/.test(s))
      .sort()[0];
    if (!status) continue;
    const examples = op.responses[status]?.content?.["application/json"]?.examples;
    const example = examples ? Object.keys(examples)[0] : undefined;
    return { path, status, params, ...(example ? { example } : {}) };
  }
  return undefined;
}

function sampleValue(param: Json): unknown {
  const schema = param.schema ?? {};
  const named = param.examples ? Object.values<Json>(param.examples)[0]?.value : undefined;
  const given = param.example ?? named ?? schema.example ?? schema.examples?.[0] ?? schema.default;
  if (given !== undefined) return given;
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return true;
  if (schema.format === "date") return "2026-01-01";
  if (schema.format === "date-time") return "2026-01-01T00:00:00Z";
  return "example";
}

export interface ScaffoldOptions {
  name: string;
  /** path of the spec to copy to specs/<name>.yaml */
  specFile: string;
  root?: string;
}

/** Writes packages/<name>/ and specs/<name>.yaml; returns the files written (relative to root). */
export async function scaffoldApi({
  name,
  specFile,
  root = repoRoot,
}: ScaffoldOptions): Promise<string[]> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    throw new Error(`"${name}" is not a kebab-case package name (e.g. vimeo-clips)`);
  }
  const pkgDir = join(root, "packages", name);
  const specTarget = join(root, "specs", `${name}.yaml`);
  if (existsSync(pkgDir)) throw new Error(`${relative(root, pkgDir)} already exists`);
  if (!existsSync(specFile)) throw new Error(`No spec at ${specFile}`);
  if (existsSync(specTarget) && resolve(specFile) !== specTarget) {
    throw new Error(`${relative(root, specTarget)} already exists; pass it as --spec to use it`);
  }

  const spec = parse(readFileSync(specFile, "utf8"));
  const get = firstGetOperation(spec);
  if (!get)
    throw new Error(
      "The spec has no GET operation with a 2xx response to write a contract test for",
    );
  const values = {
    name,
    Pascal: pascalCase(name),
    camel: pascalCase(name).replace(/^./, (c) => c.toLowerCase()),
    title: String(spec.info?.title ?? pascalCase(name)).replace(/"/g, "'"),
    baseUrl: String(spec.servers?.[0]?.url ?? "https://api.example.com"),
    path: get.path,
    status: get.status,
    params: literal(get.params),
    prefer: get.example ? `code=${get.status}, example=${get.example}` : `code=${get.status}`,
    exampleArg: get.example ? `, "${get.example}"` : "",
  };

  const written: string[] = [];
  const write = (file: string, text: string) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push(relative(root, file));
  };
  if (resolve(specFile) !== specTarget) {
    mkdirSync(dirname(specTarget), { recursive: true });
    copyFileSync(specFile, specTarget);
    written.push(relative(root, specTarget));
  }
  for (const template of listTemplates(templatesDir)) {
    const target = join(pkgDir, relative(templatesDir, template).replace(/\.tpl$/, ""));
    write(target, renderTemplate(readFileSync(template, "utf8"), values));
  }
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  write(versionFile(pkgDir), renderVersionFile(manifest.name, manifest.version));
  write(join(pkgDir, "src", "generated", "schema.d.ts"), await renderTypes(specTarget));
  const limits = renderLimits(specTarget);
  if (limits !== undefined) write(join(pkgDir, "src", "generated", "limits.ts"), limits);
  formatLikeTheRepo(root, pkgDir);
  return written;
}

/**
 * Biome's formatting and sort order depend on the values (a long parameter list, where the
 * vendor's name sorts among the exports): apply them to the new package, so the first
 * `pnpm lint` is green; a lint error that is not auto-fixable fails the scaffold.
 */
function formatLikeTheRepo(root: string, pkgDir: string): void {
  const biome = bin("biome", root);
  if (!existsSync(biome)) return; // dependencies not installed yet: `pnpm lint` will say what to fix
  const result = spawnSync(biome, ["check", "--write", pkgDir], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`biome check failed:\n${result.stdout}${result.stderr}`);
}

/** A TypeScript literal of plain data, formatted the way Biome would. */
export function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(
      ([key, v]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${literal(v)}`,
    );
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

function listTemplates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTemplates(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
