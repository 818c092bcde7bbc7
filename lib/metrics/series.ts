import type { Correction } from '../db/db';
import { cycles, type MetricsFilter, percentile, type Rate, rate, selectCorrections } from './compute';
import type { EventLog } from './event-columns';

/** Series for the dashboard's charts, pure like ./compute.ts. Days are UTC calendar days. */

const DAY = 86_400_000;

/** `YYYY-MM-DD` (UTC) of a time. */
export function dayOf(time: number): string {
  return new Date(Math.floor(time / DAY) * DAY).toISOString().slice(0, 10);
}

export interface TrendPoint {
  day: string;
  /** Corrections that day: acceptance = agreed / compared. */
  acceptance: Rate;
  /** Cycles ended that day. */
  applied: number;
  /** Median cycle time that day (ms), undefined without cycles. */
  cycleP50?: number;
}

/** One point per day that has corrections or cycles, oldest first. */
export function dailyTrend(
  events: EventLog,
  corrections: readonly Correction[],
  f: MetricsFilter = {},
): TrendPoint[] {
  const days = new Map<string, { agreed: number; total: number; cycles: number[] }>();
  const bucket = (day: string) => {
    const b = days.get(day) ?? { agreed: 0, total: 0, cycles: [] };
    days.set(day, b);
    return b;
  };
  // A day's name made once per day, not once per record (a team has hundreds of thousands).
  const names = new Map<number, string>();
  const day = (time: number) => {
    const index = Math.floor(time / DAY);
    let name = names.get(index);
    if (name === undefined) {
      name = dayOf(time);
      names.set(index, name);
    }
    return name;
  };
  for (const c of selectCorrections(corrections, f)) {
    const b = bucket(day(c.time));
    b.total += 1;
    if (c.agreed) b.agreed += 1;
  }
  for (const c of cycles(events, f)) bucket(day(c.end)).cycles.push(c.ms);
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, b]) => ({
      day,
      acceptance: rate(b.agreed, b.total),
      applied: b.cycles.length,
      cycleP50: percentile(b.cycles, 50),
    }));
}

export interface HistogramBin {
  /** Inclusive lower bound (ms). */
  from: number;
  /** Exclusive upper bound (ms); the last bin also holds values equal to it. */
  to: number;
  count: number;
}

/**
 * Equal-width bins from 0 to the largest value, rounded up to a whole `step` (default: one minute)
 * so bin edges read well ("0-2 min"). At most `maxBins` bins; none for no values.
 */
export function histogram(values: readonly number[], maxBins = 10, step = 60_000): HistogramBin[] {
  if (values.length === 0) return [];
  // A loop, not Math.max(...values): a team's merged log has more cycles than the call stack has room.
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  const width = Math.max(step, Math.ceil(max / maxBins / step) * step);
  const count = Math.max(1, Math.ceil(max / width));
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({
    from: i * width,
    to: (i + 1) * width,
    count: 0,
  }));
  for (const v of values) {
    const index = Math.min(count - 1, Math.floor(Math.max(0, v) / width));
    const bin = bins[index];
    if (bin) bin.count += 1;
  }
  return bins;
}
