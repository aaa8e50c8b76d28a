{
  "name": "@clipkit/{{name}}",
  "version": "0.0.0",
  "description": "Typed client for the {{title}}, generated from OpenAPI",
  "license": "MIT",
  "keywords": [
    "{{name}}",
    "openapi",
    "openapi-fetch",
    "typescript",
    "sdk"
  ],
  "homepage": "https://github.com/clipkit/clipkit/tree/main/packages/{{name}}#readme",
  "repository": {
    "type": "git",
    "url": "git+https://github.com/clipkit/clipkit.git",
    "directory": "packages/{{name}}"
  },
  "bugs": {
    "url": "https://github.com/clipkit/clipkit/issues"
  },
  "type": "module",
  "sideEffects": false,
  "clipkit": {
    "spec": "{{name}}"
  },
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    },
    "./lean": {
      "types": "./dist/lean.d.ts",
      "default": "./dist/lean.js"
    },
    "./package.json": "./package.json"
  },
  "files": [
    "dist",
    "src",
    "!src/generated/schema.d.ts",
    "README.md"
  ],
  "engines": {
    "node": ">=20.19.0"
  },
  "scripts": {
    "generate": "tsx ../../scripts/generate.ts",
    "lint:spec": "redocly lint ../../specs/{{name}}.yaml --config ../../redocly.yaml",
    "build": "node -e \"require('node:fs').rmSync('dist', { recursive: true, force: true })\" && tsc -p tsconfig.build.json && node -e \"require('node:fs').cpSync('src/generated', 'dist/generated', { recursive: true, filter: (f) => !f.endsWith('.ts') || f.endsWith('.d.ts') })\"",
    "typecheck": "tsc -p tsconfig.json --noEmit"
  },
  "dependencies": {
    "@clipkit/core": "workspace:^",
    "openapi-fetch": "catalog:"
  },
  "devDependencies": {
    "@clipkit/contract-harness": "workspace:*",
    "@redocly/cli": "catalog:",
    "@types/node": "catalog:",
    "openapi-typescript": "catalog:",
    "tsx": "catalog:",
    "typescript": "catalog:",
    "vitest": "catalog:",
    "yaml": "catalog:"
  },
  "publishConfig": {
    "access": "public"
  }
}
