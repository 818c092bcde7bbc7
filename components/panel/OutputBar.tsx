import type { SaveStatus } from '@/lib/panel/drafts';
import type { OutputNotice } from '@/lib/panel/session';

interface Props {
  applicable: string[];
  busy: boolean;
  save: SaveStatus;
  notice?: OutputNotice;
  onApply(): void;
  onCopy(format: 'text' | 'json'): void;
}

function saveText(save: SaveStatus): string {
  if (save.state === 'pending') return 'Saving draft…';
  if (save.state === 'saved') return 'Draft saved';
  if (save.state === 'error') return save.error.message;
  return '';
}

/** Apply into the page or copy; nothing reaches the page without this click. */
export function OutputBar({ applicable, busy, save, notice, onApply, onCopy }: Props) {
  return (
    <section className="output" aria-label="Use the result">
      <div className="button-row">
        <button
          type="button"
          className="primary"
          onClick={onApply}
          disabled={busy || applicable.length === 0}
          data-testid="apply"
          aria-describedby="apply-what"
        >
          Apply to page
        </button>
        <button type="button" onClick={() => onCopy('text')} data-testid="copy-text">
          Copy text
        </button>
        <button type="button" onClick={() => onCopy('json')} data-testid="copy-json">
          Copy JSON
        </button>
      </div>
      <p id="apply-what" className="hint">
        {applicable.length
          ? `Apply fills: ${applicable.join(', ')}.`
          : 'This page has no field this template can fill; copy instead.'}
      </p>
      <p
        className={save.state === 'error' ? 'error' : 'hint'}
        role={save.state === 'error' ? 'alert' : undefined}
        data-testid="draft-status"
      >
        {saveText(save)}
      </p>
      <p
        className={notice?.kind === 'error' ? 'error' : 'ok-text'}
        aria-live="polite"
        data-testid="output-notice"
      >
        {notice?.message ?? ''}
      </p>
    </section>
  );
}
