// The middle sensitivity preset is called 'default' (it was 'balanced'):
// settings stored under the old name keep their meaning, and nothing else is lost.
import { describe, expect, it } from 'vitest';
import { sensitivities, sensitivityPresets } from '../../lib/engine/options';
import { defaultSettings, parseSettings } from '../../lib/settings';

describe('sensitivity setting', () => {
  it('names the presets strict, default, lenient, and defaults to default', () => {
    expect(sensitivities).toEqual(['strict', 'default', 'lenient']);
    expect(Object.keys(sensitivityPresets).sort()).toEqual([...sensitivities].sort());
    expect(defaultSettings.sensitivity).toBe('default');
  });

  it('repairs a stored "balanced" to "default", keeping every other field', () => {
    const stored = { version: 1, highlightEverywhere: false, disabledSites: ['a.cn'], sensitivity: 'balanced', kinds: { spin: false } };
    expect(parseSettings(stored)).toEqual({ ...defaultSettings, highlightEverywhere: false, disabledSites: ['a.cn'], sensitivity: 'default', kinds: { ...defaultSettings.kinds, spin: false } });
  });

  it.each(['strict', 'default', 'lenient'] as const)('keeps a stored "%s"', (s) => {
    expect(parseSettings({ sensitivity: s }).sensitivity).toBe(s);
  });

  it('falls back to default for an unknown value', () => {
    expect(parseSettings({ sensitivity: 'paranoid' }).sensitivity).toBe('default');
  });
});
