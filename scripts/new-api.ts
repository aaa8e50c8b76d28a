// Usage: tsx scripts/new-api.ts <name> --spec <file>
// Scaffolds packages/<name>: a typed client package for a new OpenAPI spec, with generated
// types, a Prism contract test for its first GET operation and the usual scripts.
import { parseArgs } from "node:util";
import { pascalCase, scaffoldApi } from "./lib/scaffold.ts";

const HELP = `Usage: pnpm new-api <name> --spec <file>

Creates, from the templates in scripts/templates/api/:
  specs/<name>.yaml                 a copy of --spec
  packages/<name>/                  @clipkit/<name>: package.json (clipkit.spec, generate,
                                    lint:spec, build, typecheck), turbo.json, tsconfig files,
                                    src/client.ts (create<Name>Client), src/lean.ts (./lean:
                                    the client without request checks), src/index.ts, README.md
  packages/<name>/src/generated/    the generated types
  packages/<name>/test/             Prism global setup and a contract test of the first GET
Then run: npx -y pnpm@10.34.8 install && npx -y pnpm@10.34.8 regen --base HEAD

Options:
  --spec <file>  the OpenAPI 3.x YAML of the API (required)
  --help         show this help`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { spec: { type: "string" }, help: { type: "boolean", default: false } },
});
const [name] = positionals;
if (values.help || !name || !values.spec) {
  console.log(HELP);
  process.exit(values.help ? 0 : 1);
}

try {
  const written = await scaffoldApi({ name, specFile: values.spec });
  for (const file of written) console.log(`  created ${file}`);
} catch (error) {
  console.error(`new-api: ${(error as Error).message}`);
  process.exit(1);
}
console.log(`
Next:
  npx -y pnpm@10.34.8 install                  # link the new package into the workspace
  npx -y pnpm@10.34.8 regen --base HEAD        # lint, generate, build, typecheck, run its tests
  npx -y pnpm@10.34.8 spec:changeset           # a changeset for the first release of @clipkit/${name}
create${pascalCase(name)}Client is exported from packages/${name}/src/index.ts.`);
