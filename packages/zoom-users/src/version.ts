// Generated from package.json by `pnpm generate` (scripts/lib/version-file.ts); do not edit.

/** This package's npm name. */
export const PACKAGE_NAME = "@clipkit/zoom-users";
/** This package's version (sent in the User-Agent). */
export const VERSION = "0.0.0";
