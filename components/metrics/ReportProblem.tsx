import { useId, useState } from 'react';
import { t } from '@/lib/i18n/t';

interface Props {
  /** Who receives it, for the button's wording; none: the report is copied. */
  ownerName?: string;
  /** Build and deliver the report (lib/metrics/report-problem.ts): opens mail or copies the text. */
  onSubmit: (note: string) => Promise<'mailto' | 'copied'>;
  disabled?: boolean;
}

/** "Report a problem with this template": a note, then mail to the owner or copied text. */
export function ReportProblem({ ownerName, onSubmit, disabled }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string }>();
  const noteId = useId();

  async function submit() {
    try {
      const how = await onSubmit(note);
      setStatus({
        kind: 'ok',
        message: how === 'mailto' ? t('metrics_reportMailed') : t('metrics_reportCopied'),
      });
      setNote('');
      setOpen(false);
    } catch (error) {
      setStatus({ kind: 'error', message: t('metrics_reportFailed', (error as Error).message) });
    }
  }

  return (
    <div className="report-problem" data-testid="report-problem">
      {!open && (
        <button type="button" className="link-button" disabled={disabled} onClick={() => setOpen(true)}>
          {t('metrics_reportOpen')}
        </button>
      )}
      {open && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={noteId}>{t('metrics_reportNote')}</label>
          <textarea id={noteId} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="button-row">
            <button type="submit" className="primary">
              {ownerName ? t('metrics_sendTo', ownerName) : t('metrics_copyReport')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('common_cancel')}
            </button>
          </div>
        </form>
      )}
      <p className={status?.kind === 'error' ? 'error' : 'ok-text'} aria-live="polite">
        {status?.message ?? ''}
      </p>
    </div>
  );
}
