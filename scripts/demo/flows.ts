import { uplynkFlow } from "./uplynk-clipping.ts";
import { zoomClipsFlow } from "./zoom-clips.ts";
import { recordingFlow } from "./zoom-cloud-recording.ts";

export interface DemoFlow {
  title: string;
  /** Spec file name under specs/, without `.yaml`. */
  spec: string;
  run(baseUrl: string, print: (line: string) => void): Promise<void>;
}

export const flows: DemoFlow[] = [recordingFlow, zoomClipsFlow, uplynkFlow];
