import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { LinePath } from '@visx/shape';

export interface LinePoint {
  label: string;
  /** Undefined: no measurement that day (a gap in the line). */
  value: number | undefined;
}

interface Props {
  points: LinePoint[];
  /** Upper bound of the y axis; default the largest value. */
  yMax?: number;
  format: (value: number) => string;
  /** Accessible name and description: also the ids of the frame's heading and text. */
  title: string;
  description: string;
  titleId: string;
  descId: string;
  width?: number;
  height?: number;
}

const M = { top: 12, right: 16, bottom: 36, left: 56 };

/** A line over days (SVG, role="img"); each point has its own <title> with the exact value. */
export function LineChart({
  points,
  title,
  description,
  yMax,
  format,
  titleId,
  descId,
  width = 560,
  height = 220,
}: Props) {
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;
  const values = points.map((p) => p.value).filter((v): v is number => v !== undefined);
  const x = scaleBand<string>({ domain: points.map((p) => p.label), range: [0, innerW], padding: 0.2 });
  const y = scaleLinear<number>({
    domain: [0, yMax ?? Math.max(1, ...values)],
    range: [innerH, 0],
    nice: true,
  });
  const cx = (p: LinePoint) => (x(p.label) ?? 0) + x.bandwidth() / 2;
  const defined = points.filter((p) => p.value !== undefined);
  const every = Math.max(1, Math.ceil(points.length / 6));
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
        <AxisLeft
          scale={y}
          numTicks={4}
          tickFormat={(v) => format(Number(v))}
          stroke="currentColor"
          tickStroke="currentColor"
          tickLabelProps={{ fill: 'currentColor', fontSize: 11 }}
        />
        <AxisBottom
          top={innerH}
          scale={x}
          tickValues={points.filter((_, i) => i % every === 0).map((p) => p.label)}
          stroke="currentColor"
          tickStroke="currentColor"
          tickLabelProps={{ fill: 'currentColor', fontSize: 11 }}
        />
        <LinePath<LinePoint>
          data={points}
          x={cx}
          y={(p) => y(p.value ?? 0)}
          defined={(p) => p.value !== undefined}
          className="chart-line"
        />
        {defined.map((p) => (
          <circle key={p.label} cx={cx(p)} cy={y(p.value ?? 0)} r={4} className="chart-dot">
            <title>{`${p.label}: ${format(p.value ?? 0)}`}</title>
          </circle>
        ))}
      </Group>
    </svg>
  );
}
