/** One figure of an e2e bench, as `scripts/bench.mjs` puts it in the report (server/bench has the same shape). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  /** baseline time / our time (≥ 1 means as fast as the baseline), unless the figure says otherwise. */
  ratio?: number;
  goal: string;
  met?: boolean;
}
