/**
 * Thrown before any request is sent when the caller's input breaks a rule the API documents
 * (a date range, a list length, an empty body). `field` names the input at fault.
 */
export class ClipKitValidationError extends TypeError {
  override name = "ClipKitValidationError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
