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
        Import a team pack (JSONL)
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
            {preview.fileName}: <strong>{preview.fresh} new</strong>, {preview.duplicates} already here,{' '}
            {preview.invalid} invalid.
          </p>
          {preview.problems.length > 0 && (
            <ul className="error">
              {preview.problems.slice(0, 20).map((p) => (
                <li key={p.line}>
                  Line {p.line}: {p.message}
                </li>
              ))}
              {preview.invalid > 20 && <li>…and {preview.invalid - 20} more.</li>}
            </ul>
          )}
          <div className="button-row">
            <button type="button" disabled={preview.fresh === 0} onClick={onCommit}>
              Import {preview.fresh} corrections
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
