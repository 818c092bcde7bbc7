import { useId, useState } from 'react';
import { t } from '@/lib/i18n/t';

/** Ask for one field again, optionally with an instruction ("shorter", "mention the replacement"). */
export function FieldRegenerate({
  label,
  busy,
  onRun,
}: {
  label: string;
  busy: boolean;
  onRun(instruction: string): void;
}) {
  const [open, setOpen] = useState(false);
  const [instruction, setInstruction] = useState('');
  const id = useId();
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        disabled={busy}
        aria-label={t('panel_regenerateField', label)}
      >
        {t('panel_regenerate')}
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onRun(instruction);
        setOpen(false);
        setInstruction('');
      }}
    >
      <label htmlFor={id}>{t('panel_instructionFor', label)}</label>
      <input
        id={id}
        type="text"
        value={instruction}
        placeholder={t('panel_instructionExample')}
        // biome-ignore lint/a11y/noAutofocus: the agent just asked for this input
        autoFocus
        onChange={(e) => setInstruction(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      />
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {t('panel_regenerateField', label)}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common_close')}
        </button>
      </div>
    </form>
  );
}
