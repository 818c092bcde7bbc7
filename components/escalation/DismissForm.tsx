import { useEffect, useId, useRef, useState } from 'react';
import { t } from '@/lib/i18n/t';

export interface DismissFormProps {
  busy?: boolean;
  onDismiss: (reason: string) => void;
  onCancel: () => void;
}

/** Dismissing asks why: the reason is logged and is how a team refines its rules. */
export function DismissForm({ busy, onDismiss, onCancel }: DismissFormProps) {
  const [reason, setReason] = useState('');
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const trimmed = reason.trim();
  return (
    <form
      className="escalation-dismiss"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed) onDismiss(trimmed);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <label htmlFor={id}>{t('esc_whyNoEscalation')}</label>
      <textarea
        id={id}
        ref={input}
        value={reason}
        required
        rows={2}
        onChange={(event) => setReason(event.target.value)}
        placeholder={t('esc_dismissExample')}
      />
      <div className="escalation-actions">
        <button type="submit" disabled={!trimmed || busy}>
          {t('esc_dismissWithReason')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </form>
  );
}
