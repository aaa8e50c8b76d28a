import type { FakeOptions, Mock, MockApi } from "@clipkit/testing";
import { uplynkFlow } from "./uplynk-clipping.ts";
import { zoomClipsFlow } from "./zoom-clips.ts";
import { recordingFlow } from "./zoom-cloud-recording.ts";

export interface DemoFlow<A extends MockApi = MockApi> {
  title: string;
  /** The API (its spec file under specs/, without `.yaml`). */
  spec: A;
  /** The data of the stateful mock the flow runs on. */
  fake: FakeOptions[A];
  run(mock: Mock<A>, print: (line: string) => void): Promise<void>;
}

export const flows = [recordingFlow, zoomClipsFlow, uplynkFlow] as const;
