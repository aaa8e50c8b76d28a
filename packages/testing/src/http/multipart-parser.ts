export interface PartSink {
  write(chunk: Buffer): void;
  end(): void;
}

/** A streaming `multipart/form-data` parser: part bodies go to their sink as they arrive. */
const EMPTY = Buffer.alloc(0);

export class MultipartParser {
  private buffer: Buffer = Buffer.from("\r\n");
  private state: "preamble" | "delimiter" | "headers" | "body" | "done" = "preamble";
  private readonly delimiter: Buffer;
  private sink: PartSink | undefined;

  constructor(
    boundary: string,
    private readonly onPart: (headers: Record<string, string>) => PartSink,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  get finished(): boolean {
    return this.state === "done";
  }

  /** The length of the longest end of `buffer` that is the start of the delimiter. */
  private delimiterStartAtEnd(buffer: Buffer): number {
    const first = this.delimiter[0];
    for (let k = Math.min(buffer.length, this.delimiter.length - 1); k > 0; k--) {
      if (buffer[buffer.length - k] !== first) continue;
      if (this.delimiter.compare(buffer, buffer.length - k, buffer.length, 0, k) === 0) return k;
    }
    return 0;
  }

  write(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.state === "done") return;
      if (this.state === "preamble" || this.state === "body") {
        const at = this.buffer.indexOf(this.delimiter);
        if (at === -1) {
          // Keep only an end that may be the start of a delimiter (almost always none), so
          // the next chunk is searched as it is instead of being copied behind the kept bytes.
          const keep = this.delimiterStartAtEnd(this.buffer);
          const emit = this.buffer.length - keep;
          if (emit > 0 && this.state === "body") this.sink?.write(this.buffer.subarray(0, emit));
          this.buffer = keep === 0 ? EMPTY : Buffer.from(this.buffer.subarray(emit));
          return;
        }
        if (this.state === "body") {
          if (at > 0) this.sink?.write(this.buffer.subarray(0, at));
          this.sink?.end();
          this.sink = undefined;
        }
        this.buffer = this.buffer.subarray(at + this.delimiter.length);
        this.state = "delimiter";
      }
      if (this.state === "delimiter") {
        if (this.buffer.length < 2) return;
        const next = this.buffer.subarray(0, 2).toString("latin1");
        this.buffer = this.buffer.subarray(2);
        if (next === "--") {
          this.state = "done";
          return;
        }
        if (next !== "\r\n") throw new Error("malformed multipart body after a boundary");
        this.state = "headers";
      }
      if (this.state === "headers") {
        const end = this.buffer.indexOf("\r\n\r\n");
        if (end === -1) {
          if (this.buffer.length > 16 * 1024) throw new Error("part headers too long");
          return;
        }
        const headers: Record<string, string> = {};
        for (const line of this.buffer.subarray(0, end).toString("utf8").split("\r\n")) {
          const colon = line.indexOf(":");
          if (colon > 0)
            headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        this.buffer = this.buffer.subarray(end + 4);
        this.sink = this.onPart(headers);
        this.state = "body";
      }
    }
  }
}

/** The `name` and `filename` of a part's Content-Disposition. */
export function partName(disposition: string | undefined): { name?: string; filename?: string } {
  // Stryker disable next-line StringLiteral: no other fallback string holds `name="…"` either.
  const name = /\bname="([^"]*)"/.exec(disposition ?? "")?.[1];
  // Stryker disable next-line StringLiteral: as above, for `filename="…"`.
  const filename = /\bfilename="([^"]*)"/.exec(disposition ?? "")?.[1];
  return {
    ...(name !== undefined ? { name } : {}),
    ...(filename !== undefined ? { filename } : {}),
  };
}
