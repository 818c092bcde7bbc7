import { t } from '@/lib/i18n/t';
import type { Rate } from '@/lib/metrics/compute';

/** "75%" (one decimal below 10%), "–" when there is nothing to divide. */
export function pct(value: number | Rate | undefined): string {
  if (value === undefined) return '–';
  if (typeof value !== 'number') return value.total === 0 ? '–' : pct(value.rate);
  const p = value * 100;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

/** "12 of 40" for a rate's parts. */
export function parts(r: Rate): string {
  return t('dash_parts', [r.count, r.total]);
}

/** A duration for people: "45 s", "3 min 20 s", "1 h 5 min"; "–" when unknown. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const sign = ms < 0 ? '−' : '';
  // Provider latency is often under a second: milliseconds say more than "0 s".
  if (Math.abs(ms) < 1000) return `${sign}${Math.round(Math.abs(ms))} ms`;
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${sign}${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${sign}${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${sign}${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/**
 * Tick labels for a time axis whose largest value is `maxMs`: one unit for the whole axis, with a
 * decimal where it is needed, so neighbouring ticks never read the same ("2 s, 2 s").
 */
export function axisDuration(maxMs: number): (ms: number) => string {
  const round = (x: number) => `${Math.round(x * 10) / 10}`;
  if (maxMs < 2000) return (ms) => `${Math.round(ms)} ms`;
  if (maxMs < 120_000) return (ms) => `${round(ms / 1000)} s`;
  if (maxMs < 7_200_000) return (ms) => `${round(ms / 60_000)} min`;
  return (ms) => `${round(ms / 3_600_000)} h`;
}
