import type { AuthProvider, ClientOptions, TokenProvider } from "@clipkit/core";
import type { RateGovernor } from "@clipkit/core/governor";

/** Zoom's REST API base URL, the default of every Zoom client. */
export const ZOOM_API_BASE_URL = "https://api.zoom.us/v2";

/** The options every Zoom client takes (each API's client may add its own). */
export interface ZoomClientOptions extends ClientOptions {
  /**
   * An `AuthProvider` (e.g. `serverToServerOAuth(...)`), or an OAuth access token, or a
   * function that returns a current one.
   */
  auth: AuthProvider | TokenProvider;
  /** Defaults to `https://api.zoom.us/v2`. */
  baseUrl?: string;
  /**
   * Paces every attempt by the operation's Zoom rate-limit category, on a budget shared by all
   * clients given the same governor (`new RateGovernor(...)` from `@clipkit/core/governor`).
   */
  governor?: RateGovernor;
}
