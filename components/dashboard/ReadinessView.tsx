import { TemplateOwner } from '@/components/metrics/TemplateOwner';
import type { CsvCell } from '@/lib/metrics/csv';
import type { ReadinessRow } from '@/lib/metrics/dashboard-data';
import { describeBlocker, type TemplateMode } from '@/lib/metrics/modes';
import { pct } from './format';

interface Props {
  rows: ReadinessRow[];
  autoPromote: boolean;
  status?: { kind: 'ok' | 'error'; message: string };
  onSetMode: (templateId: string, mode: TemplateMode) => void;
  /** Absent when exports are not allowed (policy): the button is disabled. */
  onExportCsv?: (name: string, columns: string[], rows: CsvCell[][]) => void;
}

const COLUMNS = [
  'template',
  'mode',
  'owner',
  'owner contact',
  'tickets',
  'min tickets',
  'threshold',
  'ready',
  'auto fields',
  'blocks promotion',
];

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
        <h3 id="readiness-title">Readiness per template</h3>
        <button
          type="button"
          disabled={!onExportCsv || rows.length === 0}
          onClick={() => onExportCsv?.('readiness', COLUMNS, csvRows(rows))}
        >
          Export CSV
        </button>
      </div>
      <p className="hint">
        A template moves from shadow to assist once every field's accuracy reaches the threshold over enough
        tickets; a field becomes auto (pre-accepted, still applied by the agent) on the same terms.{' '}
        {autoPromote ? 'Promotion is automatic.' : 'Automatic promotion is off: promote by hand.'}
      </p>
      {rows.length === 0 && <p className="chart-empty">No template has been used yet.</p>}
      {rows.map((r) => (
        <article key={r.templateId} className="readiness-item" data-testid={`readiness-${r.templateId}`}>
          <header className="chart-head">
            <h4>
              {r.templateId} <span className={`badge mode-${r.mode}`}>{r.mode}</span>{' '}
              <span className={r.ready ? 'ok-text' : 'warn-text'}>{r.ready ? 'ready' : 'not ready'}</span>
            </h4>
            <button
              type="button"
              disabled={r.locked}
              aria-describedby={r.locked ? `locked-${r.templateId}` : undefined}
              onClick={() => onSetMode(r.templateId, r.mode === 'shadow' ? 'assist' : 'shadow')}
            >
              {r.mode === 'shadow' ? 'Promote to assist' : 'Back to shadow'}
            </button>
          </header>
          {r.locked && (
            <p className="hint" id={`locked-${r.templateId}`}>
              Mode managed by your organization
            </p>
          )}
          <p>
            <TemplateOwner owner={r.owner} /> · {r.tickets} of {r.minTickets} tickets measured · threshold{' '}
            {pct(r.threshold)}
          </p>
          {r.fields.length > 0 && (
            <ul className="readiness-fields">
              {r.fields.map((f) => (
                <li key={f.field}>
                  {f.field}: {pct(f.accuracy)} over {f.tickets} {f.auto ? '· auto' : ''}
                </li>
              ))}
            </ul>
          )}
          {r.blockers.length > 0 && (
            <ul className="readiness-blockers" aria-label={`What blocks promotion of ${r.templateId}`}>
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
