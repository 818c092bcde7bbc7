import { DEFAULT_SETTINGS, type ProviderSettings, type Settings } from '../../lib/settings/schema';

/** Default settings pointed at an OpenAI-compatible endpoint (the local test server), no retries. */
export function remoteSettings(baseUrl: string, provider: Partial<ProviderSettings> = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    provider: {
      ...DEFAULT_SETTINGS.provider,
      kind: 'openai',
      baseUrl,
      apiKey: 'sk-test',
      maxRetries: 0,
      ...provider,
    },
  };
}
