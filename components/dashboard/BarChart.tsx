import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';

export interface BarDatum {
  label: string;
  value: number;
  /** Read by screen readers and shown on hover, e.g. "12 of 40 (30%)". */
  detail: string;
}

interface Props {
  bars: BarDatum[];
  /** Horizontal: one row per label (field accuracy). Vertical: columns (a histogram). */
  orientation: 'horizontal' | 'vertical';
  max?: number;
  format: (value: number) => string;
  /** Counts: whole-number ticks only (no "0, 0, 1, 1" on a small axis). */
  integer?: boolean;
  /** Accessible name and description: also the ids of the frame's heading and text. */
  title: string;
  description: string;
  titleId: string;
  descId: string;
  width?: number;
}

/** Bars (SVG, role="img") with a <title> per bar carrying its exact figures. */
export function BarChart({
  bars,
  title,
  description,
  orientation,
  max,
  format,
  integer,
  titleId,
  descId,
  width = 560,
}: Props) {
  const horizontal = orientation === 'horizontal';
  const M = { top: 12, right: 24, bottom: 36, left: horizontal ? 150 : 56 };
  const height = horizontal ? Math.max(120, bars.length * 28 + M.top + M.bottom) : 220;
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const step = Math.max(1, Math.ceil(top / 4));
  const valueTicks = integer
    ? Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step)
    : undefined;
  const band = scaleBand<string>({
    domain: bars.map((b) => b.label),
    range: horizontal ? [0, innerH] : [0, innerW],
    padding: 0.2,
  });
  const value = scaleLinear<number>({
    domain: [0, top],
    range: horizontal ? [0, innerW] : [innerH, 0],
    nice: !max && !integer,
  });
  const axisProps = { stroke: 'currentColor', tickStroke: 'currentColor' };
  const labels = { fill: 'currentColor', fontSize: 11 };
  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      viewBox={`0 0 ${width} ${height}`}
      className="chart-svg"
    >
      <title>{title}</title>
      <desc>{description}</desc>
      <Group left={M.left} top={M.top}>
        {horizontal ? (
          <>
            <AxisLeft scale={band} {...axisProps} tickLabelProps={labels} />
            <AxisBottom
              top={innerH}
              scale={value}
              numTicks={5}
              tickValues={valueTicks}
              tickFormat={(v) => format(Number(v))}
              {...axisProps}
              tickLabelProps={labels}
            />
          </>
        ) : (
          <>
            <AxisLeft
              scale={value}
              numTicks={4}
              tickValues={valueTicks}
              tickFormat={(v) => format(Number(v))}
              {...axisProps}
              tickLabelProps={labels}
            />
            <AxisBottom top={innerH} scale={band} {...axisProps} tickLabelProps={labels} />
          </>
        )}
        {bars.map((b) => {
          const at = band(b.label) ?? 0;
          const size = horizontal ? value(b.value) : innerH - value(b.value);
          return (
            <Bar
              key={b.label}
              className="chart-bar"
              x={horizontal ? 0 : at}
              y={horizontal ? at : value(b.value)}
              width={horizontal ? size : band.bandwidth()}
              height={horizontal ? band.bandwidth() : size}
            >
              <title>{`${b.label}: ${b.detail}`}</title>
            </Bar>
          );
        })}
      </Group>
    </svg>
  );
}
