import { useId, useState } from 'react';

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
        message:
          how === 'mailto'
            ? 'Your mail app opened with the report; it is also copied.'
            : 'The report is copied: paste it where your team reports problems.',
      });
      setNote('');
      setOpen(false);
    } catch (error) {
      setStatus({ kind: 'error', message: `Could not prepare the report: ${(error as Error).message}` });
    }
  }

  return (
    <div className="report-problem" data-testid="report-problem">
      {!open && (
        <button type="button" className="link-button" disabled={disabled} onClick={() => setOpen(true)}>
          Report a problem with this template
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
          <label htmlFor={noteId}>What went wrong? (personal data is redacted)</label>
          <textarea id={noteId} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="button-row">
            <button type="submit" className="primary">
              {ownerName ? `Send to ${ownerName}` : 'Copy report'}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
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
