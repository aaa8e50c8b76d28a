import type { ClipKitValidationError } from "../../src/index.js";

/** The validation error `make` throws; fails the test when it throws nothing. */
export function refusal(make: () => unknown): ClipKitValidationError {
  try {
    make();
  } catch (error) {
    return error as ClipKitValidationError;
  }
  throw new Error("expected a refusal");
}
