import type { backgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import type { Json } from './paths';
import { getSettingsView, saveSettings } from './service';

/** settings.get / settings.save: the only way trusted pages read and change settings. */
export const policyHandlers: Partial<Handlers<typeof backgroundMessages>> = {
  'settings.get': () => getSettingsView(),
  'settings.save': ({ patch }) => saveSettings(patch as Json),
};
