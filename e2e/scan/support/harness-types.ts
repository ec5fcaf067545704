/** What the scan harness page (harness/main.tsx) records on `window` for the tests and the bench. */
export interface HarnessScan {
  text: string;
  /** camera | manual | wedge */
  source: string;
  /** `performance.now()` when the scanner reported it. */
  at: number;
}

declare global {
  interface Window {
    __scans: HarnessScan[];
    __outcomes: unknown[];
    __decodeImageMs: (dataUrl: string) => Promise<number>;
  }
}
