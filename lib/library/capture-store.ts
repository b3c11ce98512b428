// The storage item holding CaptureSettings (WXT storage, storage.local).
import { storage } from '#imports';
import { defaultCaptureSettings, parseCaptureSettings, type CaptureSettings } from './capture-settings';

export const captureSettingsItem = storage.defineItem<unknown>('local:capture', { fallback: defaultCaptureSettings });

export async function loadCaptureSettings(): Promise<CaptureSettings> {
  try {
    return parseCaptureSettings(await captureSettingsItem.getValue());
  } catch {
    return parseCaptureSettings(undefined);
  }
}

export async function saveCaptureSettings(s: CaptureSettings): Promise<void> {
  await captureSettingsItem.setValue(parseCaptureSettings(s));
}
