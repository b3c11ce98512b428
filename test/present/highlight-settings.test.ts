// The highlight switches are the display kinds (lib/present): settings stored
// with the six old groups are repaired to them, and nothing else is lost.
import { describe, expect, it } from 'vitest';
import { shownLayers } from '../../lib/dom/painter';
import { displayKinds, type DisplayKind } from '../../lib/present/kinds';
import { defaultSettings, parseSettings, type Settings } from '../../lib/settings';

const allOn = Object.fromEntries(displayKinds.map((k) => [k, true])) as Record<DisplayKind, boolean>;
const onExcept = (...off: DisplayKind[]) => ({ ...allOn, ...Object.fromEntries(off.map((k) => [k, false])) });

/** Every field but the switches, as a reader may have set them. */
const others = { highlightEverywhere: false, disabledSites: ['a.cn'], bannerHiddenSites: ['b.cn'], sensitivity: 'strict', online: { enabled: true, serverUrl: 'https://refs.example.org', key: 'k1' } } as const;
const keptOthers: Omit<Settings, 'kinds'> = { ...defaultSettings, ...others, disabledSites: ['a.cn'], bannerHiddenSites: ['b.cn'], online: { ...others.online } };

describe('highlight switches', () => {
  it('are one per display kind, all on by default, in a version 2 value', () => {
    expect(Object.keys(defaultSettings.kinds)).toEqual([...displayKinds]);
    expect(defaultSettings.kinds).toEqual(allOn);
    expect(defaultSettings.version).toBe(2);
  });

  it('version 1 (six groups): each group becomes the kinds it covered, every other field kept', () => {
    const stored = { version: 1, ...others, kinds: { distorting: true, spin: true, alteration: false, insertion: true, omission: false, scrambled: true } };
    expect(parseSettings(stored)).toEqual({ ...keptOthers, version: 2, kinds: onExcept('negation', 'number', 'name', 'wording', 'omission', 'heading') });
  });

  it('version 1: spin is off only when both groups that covered it were off', () => {
    const v1 = (spin: boolean, scrambled: boolean) => parseSettings({ version: 1, kinds: { spin, scrambled } }).kinds.spin;
    expect(v1(false, false)).toBe(false);
    expect(v1(false, true)).toBe(true);
    expect(v1(true, false)).toBe(true);
    expect(parseSettings({ version: 1, kinds: { spin: false } }).kinds.spin).toBe(false);
    expect(parseSettings({ version: 1, kinds: { scrambled: false } }).kinds.spin).toBe(false);
  });

  it('version 1 with some groups missing: the kinds they covered stay on, and a moved passage is on', () => {
    expect(parseSettings({ version: 1, kinds: { insertion: false } }).kinds).toEqual(onExcept('insertion'));
  });

  it('version 0 (unversioned, `enabled`, six groups) is repaired the same way', () => {
    const stored = { enabled: false, sensitivity: 'balanced', kinds: { distorting: false, alteration: true, omission: true, insertion: true, spin: true, scrambled: true } };
    expect(parseSettings(stored)).toEqual({ ...defaultSettings, highlightEverywhere: false, kinds: onExcept('distorting') });
  });

  it('version 2 reads each kind by name, and a name from the old groups means nothing there', () => {
    expect(parseSettings({ version: 2, kinds: { ...allOn, number: false, move: false } }).kinds).toEqual(onExcept('number', 'move'));
    expect(parseSettings({ version: 2, kinds: { alteration: false, scrambled: false } }).kinds).toEqual(allOn);
  });

  it('a corrupt value: switches that are not booleans fall back to on, and the rest is kept', () => {
    for (const kinds of ['no', 42, null, [false, false], { spin: 'off', number: 0 }]) {
      expect(parseSettings({ version: 2, ...others, kinds })).toEqual({ ...keptOthers, kinds: allOn });
      expect(parseSettings({ version: 1, ...others, kinds })).toEqual({ ...keptOthers, kinds: allOn });
    }
    expect(parseSettings({ version: 2, kinds: { spin: false, number: 'x' } }).kinds).toEqual(onExcept('spin'));
    expect(parseSettings('corrupt')).toEqual(defaultSettings);
  });

  it('a repaired value reads back the same (it is stored as version 2)', () => {
    const repaired = parseSettings({ version: 1, ...others, kinds: { alteration: false, spin: false, scrambled: false } });
    expect(parseSettings(structuredClone(repaired))).toEqual(repaired);
  });

  it('each switch shows its own page layer; spin also the spun forms with no original', () => {
    expect(shownLayers(onExcept('spin'))).toMatchObject({ spin: false, scrambled: false, distorting: true, move: true, flash: true });
    expect(shownLayers(onExcept('move'))).toMatchObject({ move: false, spin: true, scrambled: true });
    for (const k of displayKinds) expect(shownLayers(onExcept(k))[k]).toBe(false);
    expect(Object.values(shownLayers(false)).filter(Boolean).length).toBe(1);
  });
});
