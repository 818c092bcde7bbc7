import { LockedNote } from '../ui/Locked';

export interface JsonListEditorProps {
  id: string;
  label: string;
  /** Test ids: `<testId>-json` for the text area, `<testId>-problems` for the message. */
  testId: string;
  rows: number;
  text: string;
  onText(text: string): void;
  locked: boolean;
  /** Id of the "managed by your organization" note when locked. */
  lockId: string;
  /** What is wrong, each with where; empty when valid. */
  problems: string[];
  /** Shown when valid, e.g. "3 valid rule(s)." */
  okText: string;
}

/**
 * A JSON text area validated as you type, for lists of things defined as data (custom templates,
 * escalation rules): the problems are tied to the field for screen readers, and a locked one says so.
 */
export function JsonListEditor(props: JsonListEditorProps) {
  const { id, locked, problems } = props;
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        data-testid={`${props.testId}-json`}
        className="code"
        rows={props.rows}
        spellCheck={false}
        value={props.text}
        disabled={locked}
        aria-invalid={problems.length > 0}
        aria-describedby={`${id}-problems${locked ? ` ${props.lockId}` : ''}`}
        onChange={(e) => props.onText(e.target.value)}
      />
      {locked && <LockedNote id={props.lockId} />}
      <div id={`${id}-problems`} data-testid={`${props.testId}-problems`}>
        {problems.length > 0 ? (
          <ul className="error">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : (
          <p className="ok-text">{props.okText}</p>
        )}
      </div>
    </>
  );
}
