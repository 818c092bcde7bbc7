import { useState } from 'react';
import { t } from '@/lib/i18n/t';

/** Guide the whole template with an instruction, then regenerate it. */
export function GuideBar({ busy, onRun }: { busy: boolean; onRun(instruction: string): void }) {
  const [instruction, setInstruction] = useState('');
  return (
    <form
      className="guide"
      onSubmit={(e) => {
        e.preventDefault();
        onRun(instruction);
      }}
    >
      <label htmlFor="guide-instruction">{t('panel_guideLabel')}</label>
      <div className="guide-row">
        <input
          id="guide-instruction"
          data-testid="guide-instruction"
          type="text"
          value={instruction}
          placeholder={t('panel_guideExample')}
          onChange={(e) => setInstruction(e.target.value)}
        />
        <button type="submit" disabled={busy} data-testid="regenerate-all">
          {t('panel_regenerate')}
        </button>
      </div>
    </form>
  );
}
