import { startPrism } from "@clipkit/testing";
import type {} from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

/**
 * Builds a vitest `globalSetup` that starts one Prism for `spec` per test run and
 * `provide`s its URL as `prismUrl` (read it with `inject("prismUrl")`).
 */
export function prismGlobalSetup(spec: string) {
  return async function setup(project: TestProject) {
    const prism = await startPrism({ spec });
    project.provide("prismUrl", prism.url);
    return () => prism.stop();
  };
}
