{
  "$schema": "https://turborepo.com/schema.json",
  "extends": ["//"],
  "tasks": {
    "generate": {
      "inputs": [
        "$TURBO_ROOT$/specs/{{name}}.yaml",
        "$TURBO_ROOT$/scripts/generate.ts",
        "$TURBO_ROOT$/scripts/lib/**",
        "package.json"
      ],
      "outputs": ["src/generated/**", "src/version.ts"]
    },
    "lint:spec": {
      "inputs": ["$TURBO_ROOT$/specs/{{name}}.yaml", "$TURBO_ROOT$/redocly.yaml"],
      "outputs": []
    }
  }
}
