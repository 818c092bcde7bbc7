import { useId, useState } from 'react';
import { plural, t } from '@/lib/i18n/t';
import { type GenericDeskConfig, validateGenericDesk } from '@/lib/sites/generic/config';
import type { SiteTestResult } from '@/lib/sites/generic/test-page';

interface Props {
  /** The desk being edited, as JSON text (what the admin typed is kept, even when invalid). */
  initial: string;
  /** What "test this page" returned for the last tested config, if any. */
  test?: SiteTestResult;
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
  /** Called only with a config that passed validation. */
  onSave(config: GenericDeskConfig): void;
  onTest(config: GenericDeskConfig): void;
}

/**
 * Describe a desk Deskmate does not ship: page patterns and selectors per field, as JSON, validated
 * as the admin types (errors say which field), with a "test this page" check that shows what each
 * selector reads in the chosen tab. Wiring (storage, tabs) lives with the options page.
 */
export function GenericDeskEditor(props: Props) {
  const [text, setText] = useState(props.initial);
  const id = useId();
  let parsed: ReturnType<typeof validateGenericDesk> | undefined;
  let jsonError: string | undefined;
  try {
    parsed = validateGenericDesk(JSON.parse(text));
  } catch (error) {
    jsonError = t('options_notValidJson', error instanceof Error ? error.message : String(error));
  }
  const errors = jsonError ? [jsonError] : parsed && !parsed.ok ? parsed.errors : [];
  const config = parsed?.ok ? parsed.config : undefined;
  return (
    <section className="generic-desk-editor" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('options_describeDesk')}</h3>
      <label htmlFor={`${id}-json`}>{t('options_deskJson')}</label>
      <textarea
        id={`${id}-json`}
        value={text}
        spellCheck={false}
        rows={16}
        aria-invalid={errors.length > 0}
        aria-describedby={`${id}-errors`}
        onChange={(e) => setText(e.target.value)}
      />
      <ul id={`${id}-errors`} className="errors" aria-live="polite">
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" disabled={!config} onClick={() => config && props.onSave(config)}>
          {t('options_saveDesk')}
        </button>
        <button type="button" disabled={!config} onClick={() => config && props.onTest(config)}>
          {t('options_testPage')}
        </button>
      </div>
      {props.status && (
        <p role="status" className={`status ${props.status.kind}`}>
          {props.status.message}
        </p>
      )}
      {props.test && <ProbeTable result={props.test} />}
    </section>
  );
}

/** What each selector found on the tested page; a field with no match is the one to fix. */
function ProbeTable({ result }: { result: SiteTestResult }) {
  return (
    <div className="probe-result">
      <p>
        {result.read.ok
          ? plural(
              result.read.context.messages.length,
              'options_recognised_one',
              'options_recognised_other',
              [result.read.context.ticketKey],
            )
          : t('options_notTicket', result.read.reason)}
      </p>
      <table>
        <caption>{t('options_probeCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('options_colField')}</th>
            <th scope="col">{t('options_colMatches')}</th>
            <th scope="col">{t('options_colFirstValue')}</th>
          </tr>
        </thead>
        <tbody>
          {result.probes.map((p) => (
            <tr key={p.field} className={p.count === 0 ? 'miss' : undefined}>
              <th scope="row">{p.field}</th>
              <td>{p.count}</td>
              <td>{p.first ?? t(p.count === 0 ? 'options_nothingFound' : 'options_emptyValue')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
