/** An answer in Zoom's `{ code, message }` error shape, thrown by a fake's route. */
export class ZoomFakeError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
