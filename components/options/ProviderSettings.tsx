import { useEffect, useState } from 'react';
import { t, textLanguage } from '@/lib/i18n/t';
import { describeOutputMode, type LearnedOutputMode } from '@/lib/llm/output-mode';
import type { StructuredOutput } from '@/lib/settings/schema';
import { LockedNote, SectionStatusLine } from '../ui/Locked';

export interface ProviderValue {
  kind: 'local' | 'openai';
  baseUrl?: string;
  model: string;
  hasApiKey: boolean;
  structuredOutput: StructuredOutput;
}

/** What Save sends: `apiKey` only when the user typed one (write-only), `null` to remove it. */
export interface ProviderPatch {
  kind: 'local' | 'openai';
  baseUrl?: string | null;
  model: string;
  apiKey?: string | null;
  structuredOutput: StructuredOutput;
}

interface Props {
  value: ProviderValue;
  isLocked(path: string): boolean;
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
  testStatus?: { kind: 'ok' | 'error' | 'busy'; message: string };
  onSave(patch: ProviderPatch): void;
  onTest(patch: ProviderPatch): void;
  /** The mode the saved endpoint answered in (lib/llm/output-mode.ts); shown, not edited. */
  learnedMode?: LearnedOutputMode;
  /** Forget it: the next suggestion tries json_schema again. */
  onForgetMode?(): void;
}

/** The mode the endpoint answered in, with why and when (the mode's name comes from lib, in English). */
function learnedText(learned: LearnedOutputMode): string {
  const mode = describeOutputMode(learned.mode);
  const date = new Date(learned.at).toLocaleDateString(textLanguage());
  return learned.reason
    ? t('options_learnedModeWhy', [mode, learned.reason, date])
    : t('options_learnedMode', [mode, date]);
}

/** Where suggestions come from: the local engine, or an OpenAI-compatible endpoint with its key. */
export function ProviderSettings({
  value,
  isLocked,
  status,
  testStatus,
  onSave,
  onTest,
  learnedMode,
  onForgetMode,
}: Props) {
  const [kind, setKind] = useState(value.kind);
  const [baseUrl, setBaseUrl] = useState(value.baseUrl ?? '');
  const [model, setModel] = useState(value.model);
  const [apiKey, setApiKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [structuredOutput, setStructuredOutput] = useState(value.structuredOutput);
  useEffect(() => {
    setKind(value.kind);
    setBaseUrl(value.baseUrl ?? '');
    setModel(value.model);
    setStructuredOutput(value.structuredOutput);
  }, [value]);
  const lock = (path: string) => isLocked(`provider.${path}`) || isLocked('provider');
  const urlError =
    kind === 'openai' && baseUrl && !/^https?:\/\/[^\s]+$/i.test(baseUrl) ? t('options_urlError') : undefined;
  const patch = (): ProviderPatch => ({
    kind,
    baseUrl: baseUrl.trim() || null,
    model: model.trim() || value.model,
    structuredOutput,
    ...(apiKey ? { apiKey } : removeKey ? { apiKey: null } : {}),
  });
  const described = (path: string, extra?: string) =>
    [lock(path) ? `lock-provider-${path}` : '', extra ?? ''].join(' ').trim() || undefined;
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (urlError) return;
        onSave(patch());
        setApiKey('');
        setRemoveKey(false);
      }}
    >
      <fieldset disabled={lock('kind')} aria-describedby={described('kind')}>
        <legend>{t('options_engine')}</legend>
        <label className="choice">
          <input
            type="radio"
            name="provider-kind"
            checked={kind === 'local'}
            onChange={() => setKind('local')}
          />{' '}
          {t('options_engineLocal')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="provider-kind"
            checked={kind === 'openai'}
            onChange={() => setKind('openai')}
          />{' '}
          {t('options_engineOpenai')}
        </label>
        {lock('kind') && <LockedNote id="lock-provider-kind" />}
      </fieldset>
      <div className="control">
        <label htmlFor="provider-base-url">{t('options_baseUrl')}</label>
        <input
          id="provider-base-url"
          type="url"
          value={baseUrl}
          placeholder="https://api.openai.com/v1"
          disabled={lock('baseUrl') || kind === 'local'}
          aria-invalid={Boolean(urlError)}
          aria-describedby={described('baseUrl', urlError ? 'provider-url-error' : undefined)}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        {urlError && (
          <span className="error" id="provider-url-error">
            {urlError}
          </span>
        )}
        {lock('baseUrl') && <LockedNote id="lock-provider-baseUrl" />}
      </div>
      <div className="control">
        <label htmlFor="provider-model">{t('options_model')}</label>
        <input
          id="provider-model"
          type="text"
          value={model}
          disabled={lock('model') || kind === 'local'}
          aria-describedby={described('model')}
          onChange={(e) => setModel(e.target.value)}
        />
        {lock('model') && <LockedNote id="lock-provider-model" />}
      </div>
      <div className="control">
        <label htmlFor="provider-key">{t('options_apiKey')}</label>
        <input
          id="provider-key"
          type="password"
          autoComplete="off"
          value={apiKey}
          placeholder={value.hasApiKey ? t('options_keySaved') : t('options_noKey')}
          disabled={lock('apiKey') || kind === 'local'}
          aria-describedby={described('apiKey', 'provider-key-hint')}
          onChange={(e) => setApiKey(e.target.value)}
        />
        <span className="hint" id="provider-key-hint">
          {t('options_keyHint')}
        </span>
        {value.hasApiKey && !lock('apiKey') && (
          <label className="choice">
            <input type="checkbox" checked={removeKey} onChange={(e) => setRemoveKey(e.target.checked)} />{' '}
            {t('options_removeKey')}
          </label>
        )}
        {lock('apiKey') && <LockedNote id="lock-provider-apiKey" />}
      </div>
      <div className="control">
        <label htmlFor="provider-structured-output">{t('options_structuredOutput')}</label>
        <select
          id="provider-structured-output"
          value={structuredOutput}
          disabled={lock('structuredOutput') || kind === 'local'}
          aria-describedby={described('structuredOutput', 'provider-structured-output-hint')}
          onChange={(e) => setStructuredOutput(e.target.value as StructuredOutput)}
        >
          <option value="auto">{t('options_outputAuto')}</option>
          <option value="json_schema">{t('options_outputSchema')}</option>
          <option value="json_object">{t('options_outputObject')}</option>
          <option value="text">{t('options_outputText')}</option>
        </select>
        <span className="hint" id="provider-structured-output-hint" data-testid="provider-learned-mode">
          {learnedMode && kind === 'openai' && structuredOutput === 'auto'
            ? learnedText(learnedMode)
            : t('options_outputHint')}
        </span>
        {learnedMode &&
          learnedMode.mode !== 'json_schema' &&
          kind === 'openai' &&
          structuredOutput === 'auto' &&
          onForgetMode && (
            <button type="button" onClick={onForgetMode}>
              {t('options_retrySchema')}
            </button>
          )}
        {lock('structuredOutput') && <LockedNote id="lock-provider-structuredOutput" />}
      </div>
      <div className="button-row">
        <button type="submit" className="primary" data-testid="provider-save">
          {t('common_save')}
        </button>
        <button type="button" onClick={() => !urlError && onTest(patch())} data-testid="provider-test">
          {t('options_testConnection')}
        </button>
      </div>
      <SectionStatusLine status={status} />
      <div data-testid="provider-test-status">
        <SectionStatusLine status={testStatus} />
      </div>
    </form>
  );
}
