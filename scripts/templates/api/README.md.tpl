# @clipkit/{{name}}

Typed client for the {{title}}, generated from [`specs/{{name}}.yaml`](../../specs/{{name}}.yaml).

```sh
npm install @clipkit/{{name}}
```

```ts
import { create{{Pascal}}Client } from "@clipkit/{{name}}";

const api = create{{Pascal}}Client({ auth: process.env.API_TOKEN! });
const { data, error } = await api.GET("{{path}}", { params: {{params}} });
```

## What is public

- `create{{Pascal}}Client({ auth, baseUrl?, fetch?, maxRetries?, timeoutMs?, … })`: an
  openapi-fetch client on `@clipkit/core`'s `createApiClient`, with typed
  `GET/POST/PUT/PATCH/DELETE` for every operation of the spec; `auth` is a bearer token, a
  function returning one, or an `AuthProvider`. Each request is checked against the spec
  before anything is sent (a `ClipKitValidationError`).
- `@clipkit/{{name}}/lean`: the same `create{{Pascal}}Client` without the request checks
  (their schemas and checker stay out of the bundle); the server's answer is the check.
- `{{camel}}Vendor`: what the shared runtime knows about this API (User-Agent for now).
- `paths`, `operations`, `components`: the generated types (`src/generated/`, never edit by hand:
  change the spec and run `pnpm regen`).

Scaffolded by `pnpm new-api {{name}} --spec …`: replace this README with what the API is for.
