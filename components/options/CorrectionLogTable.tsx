import { t, textLanguage } from '@/lib/i18n/t';

/** One row of the log as the table shows it (values already formatted for display). */
export interface CorrectionLogRow {
  id: number;
  time: number;
  templateId: string;
  field: string;
  aiValue: string;
  keptValue: string;
  agreed: boolean;
  site: string;
  ticketHash: string;
  reason?: string;
  importedFrom?: string;
}

interface Props {
  rows: CorrectionLogRow[];
  canLoadMore: boolean;
  onLoadMore(): void;
  onForget(ticketHash: string): void;
}

/** The correction log: newest first, agreement or correction, where it came from. */
export function CorrectionLogTable({ rows, canLoadMore, onLoadMore, onForget }: Props) {
  if (rows.length === 0) return <p className="hint">{t('log_noRows')}</p>;
  return (
    <>
      <table className="log-table" data-testid="correction-log">
        <thead>
          <tr>
            <th scope="col">{t('log_colWhen')}</th>
            <th scope="col">{t('log_colTemplateField')}</th>
            <th scope="col">{t('log_colAiValue')}</th>
            <th scope="col">{t('log_colKeptValue')}</th>
            <th scope="col">{t('log_colSite')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('log_colActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-agreed={r.agreed}>
              <td>
                <time dateTime={new Date(r.time).toISOString()}>
                  {new Date(r.time).toLocaleString(textLanguage())}
                </time>
              </td>
              <td>
                {r.templateId} · {r.field}
                {r.importedFrom && <span className="badge"> {t('log_importedFrom', r.importedFrom)}</span>}
              </td>
              <td>{r.aiValue}</td>
              <td>
                {r.agreed ? (
                  <span className="ok-text">{t('log_agreed', r.keptValue)}</span>
                ) : (
                  <strong>{r.keptValue}</strong>
                )}
                {r.reason && <div className="hint">{r.reason}</div>}
              </td>
              <td>{r.site}</td>
              <td>
                <button type="button" title={t('log_forgetTitle')} onClick={() => onForget(r.ticketHash)}>
                  {t('log_forget')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canLoadMore && (
        <button type="button" onClick={onLoadMore}>
          {t('log_showMore')}
        </button>
      )}
    </>
  );
}
