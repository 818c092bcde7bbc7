/** One row of the log as the table shows it (values already formatted for display). */
export interface CorrectionLogRow {
  id: number;
  time: number;
  templateId: string;
  field: string;
  aiValue: string;
  keptValue: string;
  agreed: boolean;
  site: string;
  ticketHash: string;
  reason?: string;
  importedFrom?: string;
}

interface Props {
  rows: CorrectionLogRow[];
  canLoadMore: boolean;
  onLoadMore(): void;
  onForget(ticketHash: string): void;
}

/** The correction log: newest first, agreement or correction, where it came from. */
export function CorrectionLogTable({ rows, canLoadMore, onLoadMore, onForget }: Props) {
  if (rows.length === 0) return <p className="hint">No corrections match these filters.</p>;
  return (
    <>
      <table className="log-table" data-testid="correction-log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Template · field</th>
            <th scope="col">AI value</th>
            <th scope="col">Kept value</th>
            <th scope="col">Site</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-agreed={r.agreed}>
              <td>
                <time dateTime={new Date(r.time).toISOString()}>{new Date(r.time).toLocaleString()}</time>
              </td>
              <td>
                {r.templateId} · {r.field}
                {r.importedFrom && <span className="badge"> imported from {r.importedFrom}</span>}
              </td>
              <td>{r.aiValue}</td>
              <td>
                {r.agreed ? (
                  <span className="ok-text">{r.keptValue} (agreed)</span>
                ) : (
                  <strong>{r.keptValue}</strong>
                )}
                {r.reason && <div className="hint">{r.reason}</div>}
              </td>
              <td>{r.site}</td>
              <td>
                <button
                  type="button"
                  title="Delete every record of this ticket"
                  onClick={() => onForget(r.ticketHash)}
                >
                  Forget ticket
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canLoadMore && (
        <button type="button" onClick={onLoadMore}>
          Show more
        </button>
      )}
    </>
  );
}
