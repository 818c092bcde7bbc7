import { TemplateOwner } from '@/components/metrics/TemplateOwner';
import { type MessageKey, t } from '@/lib/i18n/t';
import type { CsvCell, ExportCsv } from '@/lib/metrics/csv';
import type { ReadinessRow } from '@/lib/metrics/dashboard-data';
import { describeBlocker, type TemplateMode } from '@/lib/metrics/modes';
import { pct } from './format';

interface Props {
  rows: ReadinessRow[];
  autoPromote: boolean;
  status?: { kind: 'ok' | 'error'; message: string };
  onSetMode: (templateId: string, mode: TemplateMode) => void;
  /** Absent when exports are not allowed (policy): the button is disabled. */
  onExportCsv?: ExportCsv;
}

const COLUMNS: MessageKey[] = [
  'dash_colTemplate',
  'dash_readinessColMode',
  'dash_readinessColOwner',
  'dash_readinessColContact',
  'dash_colTickets',
  'dash_readinessColMinTickets',
  'dash_readinessColThreshold',
  'dash_readinessColReady',
  'dash_readinessColAuto',
  'dash_readinessColBlocks',
];

const MODE: Record<TemplateMode, MessageKey> = { shadow: 'dash_modeShadow', assist: 'dash_modeAssist' };

function csvRows(rows: ReadinessRow[]): CsvCell[][] {
  return rows.map((r) => [
    r.templateId,
    r.mode,
    r.owner?.name ?? '',
    r.owner?.contact ?? '',
    r.tickets,
    r.minTickets,
    r.threshold,
    r.ready,
    r.fields
      .filter((f) => f.auto)
      .map((f) => f.field)
      .join(' '),
    r.blockers.map(describeBlocker).join(' '),
  ]);
}

/**
 * Each template's mode, owner and readiness: measured accuracy per field and what blocks promotion.
 * The team lead can promote (or send back to shadow) unless policy locks the mode.
 */
export function ReadinessView({ rows, autoPromote, status, onSetMode, onExportCsv }: Props) {
  return (
    <section className="readiness" aria-labelledby="readiness-title" data-testid="readiness">
      <div className="chart-head">
        <h3 id="readiness-title">{t('dash_readinessTitle')}</h3>
        <button
          type="button"
          disabled={!onExportCsv || rows.length === 0}
          onClick={() =>
            onExportCsv?.(
              'readiness',
              COLUMNS.map((c) => t(c)),
              csvRows(rows),
            )
          }
        >
          {t('dash_exportCsv')}
        </button>
      </div>
      <p className="hint">
        {t('dash_readinessHint')} {t(autoPromote ? 'dash_autoPromoteOn' : 'dash_autoPromoteOff')}
      </p>
      {rows.length === 0 && <p className="chart-empty">{t('dash_noTemplateUsed')}</p>}
      {rows.map((r) => (
        <article key={r.templateId} className="readiness-item" data-testid={`readiness-${r.templateId}`}>
          <header className="chart-head">
            <h4>
              {r.templateId} <span className={`badge mode-${r.mode}`}>{t(MODE[r.mode])}</span>{' '}
              <span className={r.ready ? 'ok-text' : 'warn-text'}>
                {t(r.ready ? 'dash_ready' : 'dash_notReady')}
              </span>
            </h4>
            <button
              type="button"
              disabled={r.locked}
              aria-describedby={r.locked ? `locked-${r.templateId}` : undefined}
              onClick={() => onSetMode(r.templateId, r.mode === 'shadow' ? 'assist' : 'shadow')}
            >
              {t(r.mode === 'shadow' ? 'dash_promote' : 'dash_demote')}
            </button>
          </header>
          {r.locked && (
            <p className="hint" id={`locked-${r.templateId}`}>
              {t('dash_modeLocked')}
            </p>
          )}
          <p>
            <TemplateOwner owner={r.owner} /> ·{' '}
            {t('dash_ticketsMeasured', [r.tickets, r.minTickets, pct(r.threshold)])}
          </p>
          {r.fields.length > 0 && (
            <ul className="readiness-fields">
              {r.fields.map((f) => (
                <li key={f.field}>
                  {t('dash_fieldAccuracy', [f.field, pct(f.accuracy), f.tickets])}{' '}
                  {f.auto ? t('dash_fieldAuto') : ''}
                </li>
              ))}
            </ul>
          )}
          {r.blockers.length > 0 && (
            <ul className="readiness-blockers" aria-label={t('dash_blockersOf', r.templateId)}>
              {r.blockers.map((b) => (
                <li key={describeBlocker(b)}>{describeBlocker(b)}</li>
              ))}
            </ul>
          )}
        </article>
      ))}
      <p
        className={status?.kind === 'error' ? 'error' : 'ok-text'}
        aria-live="polite"
        role={status?.kind === 'error' ? 'alert' : undefined}
      >
        {status?.message ?? ''}
      </p>
    </section>
  );
}
