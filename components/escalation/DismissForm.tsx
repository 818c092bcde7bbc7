import { useEffect, useId, useRef, useState } from 'react';

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
      <label htmlFor={id}>Why is no escalation needed?</label>
      <textarea
        id={id}
        ref={input}
        value={reason}
        required
        rows={2}
        onChange={(event) => setReason(event.target.value)}
        placeholder="e.g. the customer's lawyer is already in contact with our legal team"
      />
      <div className="escalation-actions">
        <button type="submit" disabled={!trimmed || busy}>
          Dismiss with this reason
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
