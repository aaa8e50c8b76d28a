export interface PartSink {
  write(chunk: Buffer): void;
  end(): void;
}

/** A streaming `multipart/form-data` parser: part bodies go to their sink as they arrive. */
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

  write(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.state === "done") return;
      if (this.state === "preamble" || this.state === "body") {
        const at = this.buffer.indexOf(this.delimiter);
        if (at === -1) {
          const keep = Math.min(this.buffer.length, this.delimiter.length - 1);
          const emit = this.buffer.length - keep;
          if (emit > 0 && this.state === "body") this.sink?.write(this.buffer.subarray(0, emit));
          this.buffer = Buffer.from(this.buffer.subarray(emit));
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
  const name = /\bname="([^"]*)"/.exec(disposition ?? "")?.[1];
  const filename = /\bfilename="([^"]*)"/.exec(disposition ?? "")?.[1];
  return {
    ...(name !== undefined ? { name } : {}),
    ...(filename !== undefined ? { filename } : {}),
  };
}
