import { redactUrlsInText } from "../redact.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * The base of every error the runtime throws. Its `toJSON` and `util.inspect` output show
 * only the fields it chose to expose (never a request's headers), so logging an error whole
 * cannot leak a credential.
 */
export class ClipKitError extends Error {
  override name = "ClipKitError";

  /** The safe fields shown by `toJSON` and `util.inspect`; subclasses add theirs. */
  protected details(): Record<string, unknown> {
    return {};
  }

  toJSON(): Record<string, unknown> {
    const cause =
      this.cause instanceof Error ? `${this.cause.name}: ${this.cause.message}` : undefined;
    return {
      name: this.name,
      message: this.message,
      ...this.details(),
      ...(cause ? { cause: redactUrlsInText(cause) } : {}),
    };
  }

  [INSPECT](): string {
    const { name: _n, message: _m, ...rest } = this.toJSON();
    const fields = Object.entries(rest)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
    return fields.length ? `${this.stack}\n{\n${fields.join(",\n")}\n}` : `${this.stack}`;
  }
}
