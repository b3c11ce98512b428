// Storage items, each declared once. Settings are stored as `unknown` and
// always read through parseSettings, so a corrupt or old value is repaired on
// read instead of breaking the popup, the options page or the content script.
import { storage } from '#imports';
import { parseSettings, defaultSettings, type Settings } from './settings';

export const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: defaultSettings });

export async function loadSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

export async function saveSettings(s: Settings) {
  await settingsItem.setValue(s);
}
