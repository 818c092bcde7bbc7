import { t } from '@/lib/i18n/t';
import type { ExportCsv } from '@/lib/metrics/csv';
import type { DashboardData } from '@/lib/metrics/dashboard-data';
import { BarChart } from './BarChart';
import { ChartFrame } from './ChartFrame';
import { axisDuration, duration, parts, pct } from './format';
import { LineChart } from './LineChart';

interface Props {
  data: DashboardData;
  /** Absent when exports are not allowed (policy): the button is disabled. */
  onExportCsv?: ExportCsv;
}

const minutes = (ms: number) => `${Math.round((ms / 60_000) * 10) / 10}`;

/** The four charts: acceptance trend, cycle-time trend, per-field accuracy, cycle-time distribution. */
export function Charts({ data, onExportCsv }: Props) {
  const { trend, fields, histogram } = data;
  return (
    <div className="charts">
      <ChartFrame
        id="acceptance-trend"
        title={t('dash_acceptanceTitle')}
        description={t('dash_acceptanceDesc')}
        columns={[t('dash_colDay'), t('dash_colAcceptance'), t('dash_colKept'), t('dash_colCompared')]}
        rows={trend
          .filter((p) => p.acceptance.total > 0)
          .map((p) => [p.day, p.acceptance.rate, p.acceptance.count, p.acceptance.total])}
        onExportCsv={onExportCsv}
      >
        {(ids) => (
          <LineChart
            {...ids}
            title={t('dash_acceptanceTitle')}
            description={trend.map((p) => `${p.day}: ${pct(p.acceptance)}`).join('; ')}
            points={trend.map((p) => ({
              label: p.day,
              value: p.acceptance.total ? p.acceptance.rate : undefined,
            }))}
            yMax={1}
            format={(v) => pct(v)}
          />
        )}
      </ChartFrame>
      <ChartFrame
        id="cycle-trend"
        title={t('dash_cycleTitle')}
        description={t('dash_cycleDesc')}
        columns={[t('dash_colDay'), t('dash_colMedianCycle'), t('dash_colApplied')]}
        rows={trend.filter((p) => p.applied > 0).map((p) => [p.day, p.cycleP50, p.applied])}
        onExportCsv={onExportCsv}
      >
        {(ids) => (
          <LineChart
            {...ids}
            title={t('dash_cycleTitle')}
            description={trend.map((p) => `${p.day}: ${duration(p.cycleP50)}`).join('; ')}
            points={trend.map((p) => ({ label: p.day, value: p.cycleP50 }))}
            format={axisDuration(Math.max(0, ...trend.map((p) => p.cycleP50 ?? 0)))}
          />
        )}
      </ChartFrame>
      <ChartFrame
        id="field-accuracy"
        title={t('dash_accuracyTitle')}
        description={t('dash_accuracyDesc')}
        columns={[
          t('dash_colTemplate'),
          t('dash_colField'),
          t('dash_colAcceptance'),
          t('dash_colKept'),
          t('dash_colCompared'),
          t('dash_colCorrection'),
        ]}
        rows={fields.map((f) => [
          f.templateId,
          f.field,
          f.acceptance.rate,
          f.acceptance.count,
          f.acceptance.total,
          f.correction.rate,
        ])}
        onExportCsv={onExportCsv}
      >
        {(ids) => (
          <BarChart
            {...ids}
            title={t('dash_accuracyTitle')}
            description={fields.map((f) => `${f.templateId} ${f.field}: ${pct(f.acceptance)}`).join('; ')}
            orientation="horizontal"
            max={1}
            format={(v) => pct(v)}
            bars={fields.map((f) => ({
              label: `${f.templateId} · ${f.field}`,
              value: f.acceptance.rate,
              detail: `${pct(f.acceptance)} (${parts(f.acceptance)})`,
            }))}
          />
        )}
      </ChartFrame>
      <ChartFrame
        id="cycle-distribution"
        title={t('dash_distributionTitle')}
        description={t('dash_distributionDesc')}
        columns={[t('dash_colFromMs'), t('dash_colToMs'), t('dash_colTickets')]}
        rows={histogram.map((b) => [b.from, b.to, b.count])}
        onExportCsv={onExportCsv}
      >
        {(ids) => (
          <BarChart
            {...ids}
            title={t('dash_distributionTitle')}
            description={histogram
              .map((b) => `${minutes(b.from)}–${minutes(b.to)} min: ${b.count}`)
              .join('; ')}
            orientation="vertical"
            integer
            format={(v) => String(Math.round(v))}
            bars={histogram.map((b) => ({
              label: `${minutes(b.from)}–${minutes(b.to)}`,
              value: b.count,
              detail: t('dash_binDetail', [b.count, duration(b.from), duration(b.to)]),
            }))}
          />
        )}
      </ChartFrame>
    </div>
  );
}
