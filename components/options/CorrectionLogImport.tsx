import { plural, t } from '@/lib/i18n/t';

/** What a team pack would add, shown before anything is written. */
export interface TeamPackPreviewView {
  fileName: string;
  fresh: number;
  duplicates: number;
  invalid: number;
  problems: { line: number; message: string }[];
}

interface Props {
  preview?: TeamPackPreviewView;
  onChooseFile(file: File): void;
  onCommit(): void;
  onCancel(): void;
}

/** Import a colleague's team pack (JSONL): choose, preview the counts and problems, then commit. */
export function CorrectionLogImport({ preview, onChooseFile, onCommit, onCancel }: Props) {
  return (
    <div className="inline-form">
      <label className="control" htmlFor="team-pack">
        {t('log_importPack')}
        <input
          id="team-pack"
          type="file"
          accept=".jsonl,.json,application/x-ndjson,application/json,text/plain"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onChooseFile(file);
            e.target.value = '';
          }}
        />
      </label>
      {preview && (
        <div className="notice" role="status" data-testid="import-preview">
          <p>
            {preview.fileName}: <strong>{t('log_previewNew', preview.fresh)}</strong>,{' '}
            {t('log_previewRest', [preview.duplicates, preview.invalid])}
          </p>
          {preview.problems.length > 0 && (
            <ul className="error">
              {preview.problems.slice(0, 20).map((p) => (
                <li key={p.line}>{t('log_problemLine', [p.line, p.message])}</li>
              ))}
              {preview.invalid > 20 && <li>{t('log_problemsMore', preview.invalid - 20)}</li>}
            </ul>
          )}
          <div className="button-row">
            <button type="button" disabled={preview.fresh === 0} onClick={onCommit}>
              {plural(preview.fresh, 'log_importCount_one', 'log_importCount_other')}
            </button>
            <button type="button" onClick={onCancel}>
              {t('common_cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
