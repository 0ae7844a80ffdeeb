/** One figure of `npm run bench` (Contract 9). Names are stable once published. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** For a ratio: the raw rate it is measured against, taken in the same run. */
  baseline?: { name: string; value: number; unit: string };
}
