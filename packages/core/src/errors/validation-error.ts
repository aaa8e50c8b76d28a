import { ClipKitError } from "./clipkit-error.js";

/**
 * Thrown before any request is sent when the caller's input breaks a rule the API documents
 * (a date range, a list length, an empty body) or an option is out of range. `field` names
 * the input at fault.
 */
export class ClipKitValidationError extends ClipKitError {
  override name = "ClipKitValidationError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
  protected override details(): Record<string, unknown> {
    return { field: this.field };
  }
}
