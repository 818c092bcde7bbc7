import { useState } from 'react';

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
      <label htmlFor="guide-instruction">Guide the whole template (optional)</label>
      <div className="guide-row">
        <input
          id="guide-instruction"
          data-testid="guide-instruction"
          type="text"
          value={instruction}
          placeholder="e.g. mention the replacement"
          onChange={(e) => setInstruction(e.target.value)}
        />
        <button type="submit" disabled={busy} data-testid="regenerate-all">
          Regenerate
        </button>
      </div>
    </form>
  );
}
