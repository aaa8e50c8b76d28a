import type { CountedRateLimit, FakeUserStatus, RecordedRequest } from "@clipkit/testing";

/** What the benchmarks' Zoom fake served (scripts/lib/bench-zoom-fake.ts), over IPC. */
export interface BenchFakeReport {
  requests: Array<Pick<RecordedRequest, "target" | "status"> & { rateLimit?: CountedRateLimit }>;
  files: Array<{
    id: string;
    /** The host's email: the folder the CLI files it under. */
    user: string;
    userStatus: FakeUserStatus;
    size: number;
    sha256: string;
  }>;
}
