/** Dollars kept to the billionth: exact enough for a cheap model's shortest answer, free of float noise like 0.30000000000000004. */
export function roundDollars(dollars: number): number {
  return Math.round(dollars * 1e9) / 1e9;
}
