// What compare.mjs and limits.mjs share: reading one benchmark run's JSON-lines output, and medians.
import { readFileSync } from 'node:fs';

/** @returns the run's scenario lines by scenario name (a truncated last line is skipped) */
export const loadRun = (file) => {
  const m = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const o = JSON.parse(line);
      m[o.scenario] = o;
    } catch {
      // a truncated last line of an interrupted run
    }
  }
  return m;
};

/** @returns the median of the numbers among xs, or null when there are none */
export const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
