import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { t } from '../i18n/t';
import { send } from '../messaging/client';
import { type ErrorInfo, toErrorInfo } from '../messaging/envelope';
import { onEvent } from '../messaging/events';
import type { SettingsView } from '../policy/view';
import { BUILTIN_TEMPLATES } from '../templates/builtin';
import { parseCustomTemplate } from '../templates/custom';

/** Result of the last save or test, per options section. */
export interface SectionStatus {
  kind: 'ok' | 'error' | 'busy';
  message: string;
}

export interface OptionsState {
  view?: SettingsView;
  loadError?: ErrorInfo;
  status: Record<string, SectionStatus | undefined>;
}

/** UI state of the options page; settings themselves live in the background (settings.get/save). */
export const useOptions = create<OptionsState>(() => ({ status: {} }));

function setStatus(section: string, status: SectionStatus | undefined): void {
  useOptions.setState((s) => ({ status: { ...s.status, [section]: status } }));
}

/** Load the settings and follow changes made elsewhere (another page, the managed policy). */
export async function startOptions(): Promise<void> {
  onEvent('settings.changed', () => void loadSettings());
  await loadSettings();
}

export async function loadSettings(): Promise<void> {
  try {
    useOptions.setState({ view: await send('settings.get', {}), loadError: undefined });
  } catch (error) {
    useOptions.setState({ loadError: toErrorInfo(error) });
  }
}

/** Save a patch (deep partial of Settings) from one section; the answer is the new effective view. */
export async function saveSection(section: string, patch: Record<string, unknown>): Promise<boolean> {
  setStatus(section, { kind: 'busy', message: t('options_saving') });
  try {
    useOptions.setState({ view: await send('settings.save', { patch }) });
    setStatus(section, { kind: 'ok', message: t('options_saved') });
    return true;
  } catch (error) {
    setStatus(section, { kind: 'error', message: toErrorInfo(error).message });
    return false;
  }
}

/** The origin pattern a host permission needs for an endpoint ("https://llm.example.com/*"). */
export function originPattern(baseUrl: string): string | undefined {
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return undefined;
  }
}

/**
 * Ask for access to the endpoint's origin. Must run inside the click handler (browsers only show the
 * prompt on a user gesture); it resolves true at once when already granted.
 */
export async function requestEndpointAccess(
  baseUrl: string | undefined,
): Promise<{ ok: boolean; message?: string }> {
  if (!baseUrl) return { ok: true };
  const origin = originPattern(baseUrl);
  if (!origin) return { ok: false, message: t('options_baseUrlScheme') };
  try {
    const granted = await browser.permissions.request({ origins: [origin] });
    return granted
      ? { ok: true }
      : {
          ok: false,
          message: t('options_needsAccess', origin),
        };
  } catch (error) {
    return { ok: false, message: toErrorInfo(error).message };
  }
}

/** Save the provider section: ask for the endpoint's origin first (inside the click), then save. */
export async function saveProvider(patch: {
  kind: 'local' | 'openai';
  baseUrl?: string | null;
  model: string;
  apiKey?: string | null;
}): Promise<boolean> {
  if (patch.kind === 'openai') {
    const access = await requestEndpointAccess(patch.baseUrl ?? undefined);
    if (!access.ok) {
      setStatus('provider', {
        kind: 'error',
        message: access.message ?? 'Access to the endpoint was refused.',
      });
      return false;
    }
  }
  return saveSection('provider', { provider: patch });
}

/**
 * Test the endpoint with what the form holds, before saving (the key typed now, or the saved one when the
 * form still shows the saved endpoint). Host access is asked for first, inside the click.
 */
export async function testProvider(patch: Parameters<typeof saveProvider>[0]): Promise<void> {
  setStatus('provider-test', { kind: 'busy', message: t('options_testing') });
  const saved = useOptions.getState().view?.settings.provider;
  try {
    if (patch.kind === 'openai') {
      const access = await requestEndpointAccess(patch.baseUrl ?? undefined);
      if (!access.ok) throw new Error(access.message);
    }
    const unchanged =
      patch.kind === saved?.kind &&
      (patch.baseUrl ?? undefined) === saved?.baseUrl &&
      patch.model === saved?.model;
    const result = await send(
      'provider.test',
      patch.kind === 'openai' && patch.baseUrl && !(unchanged && !patch.apiKey)
        ? {
            provider: {
              baseUrl: patch.baseUrl,
              model: patch.model,
              ...(patch.apiKey ? { apiKey: patch.apiKey } : {}),
            },
          }
        : {},
    );
    setStatus('provider-test', {
      kind: 'ok',
      message:
        result.kind === 'local'
          ? 'The local engine is ready (no network needed).'
          : `Connected: ${result.model} answered in ${Math.round(result.latencyMs)} ms.`,
    });
  } catch (error) {
    setStatus('provider-test', { kind: 'error', message: explainTest(toErrorInfo(error)) });
  }
}

/** A failed test in words, with what to fix. */
function explainTest(error: ErrorInfo): string {
  switch (error.code) {
    case 'auth':
      return `The provider rejected the key: check it and save again. (${error.message})`;
    case 'model_not_found':
      return `The provider does not know this model: check the model name. (${error.message})`;
    case 'network':
    case 'timeout':
      return `The endpoint could not be reached: check the base URL and that Deskmate may access it. (${error.message})`;
    default:
      return error.message;
  }
}

/** Problems of custom templates, by position, in the words of lib/templates/custom.ts. */
export function validateTemplates(templates: unknown[]): string[] {
  const reserved = BUILTIN_TEMPLATES.map((t) => t.id);
  const seen = new Set<string>();
  return templates.flatMap((json, i) => {
    const result = parseCustomTemplate(json, reserved);
    const where = `Template ${i + 1}`;
    if (!result.ok) return result.errors.map((e) => `${where}: ${e}`);
    if (seen.has(result.template.id)) return [`${where}: id "${result.template.id}" is used twice`];
    seen.add(result.template.id);
    return [];
  });
}
