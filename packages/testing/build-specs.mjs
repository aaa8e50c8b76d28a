// Ships the specs inside the package, as JSON (Prism reads it; the stateful fakes validate
// requests against it without a YAML parser at run time).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

const source = new URL("../../specs/", import.meta.url);
const target = new URL("./specs/", import.meta.url);
mkdirSync(target, { recursive: true });
for (const name of readdirSync(source).filter((file) => file.endsWith(".yaml"))) {
  const spec = parse(readFileSync(new URL(name, source), "utf8"));
  writeFileSync(new URL(name.replace(/\.yaml$/, ".json"), target), `${JSON.stringify(spec)}\n`);
}
