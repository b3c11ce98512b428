import { describe, expect, it, vi } from 'vitest';
import { HighlightSwitches } from '../../components/HighlightSwitches';
import { OptionsView } from '../../components/OptionsView';
import { SettingsForm } from '../../components/SettingsForm';
import { bundledCorpus } from '../../lib/corpus/bundled';
import { displayKinds, labelKey } from '../../lib/present/kinds';
import { defaultSettings, type Settings } from '../../lib/settings';
import { renderLive, renderStatic } from './live-dom';
import { makeT } from './t-browser';

const t = makeT('zh_CN');

describe('SettingsForm', () => {
  it('shows the stored sensitivity and kinds', () => {
    const s: Settings = { ...defaultSettings, sensitivity: 'strict', kinds: { ...defaultSettings.kinds, spin: false } };
    const { document } = renderStatic(<SettingsForm settings={s} onChange={() => {}} t={t} />);
    const radios = [...document.querySelectorAll('input[name="sensitivity"]')];
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['strict', 'default', 'lenient']);
    expect(radios.filter((r) => r.hasAttribute('checked')).map((r) => r.getAttribute('value'))).toEqual(['strict']);
    // One switch per display kind, worst first, each with the kind's name and colour as everywhere else.
    const boxes = [...document.querySelectorAll('input[name^="kind-"]')];
    expect(boxes.map((b) => b.getAttribute('name'))).toEqual(displayKinds.map((k) => `kind-${k}`));
    expect(boxes.map((b) => b.hasAttribute('checked'))).toEqual(displayKinds.map((k) => k !== 'spin'));
    const labels = boxes.map((b) => b.closest('label')!);
    expect(labels.map((l) => l.querySelector('.yw-swatch')!.getAttribute('class'))).toEqual(displayKinds.map((k) => `yw-swatch yw-k-${k}`));
    labels.forEach((l, i) => expect(l.textContent).toContain(t(labelKey(displayKinds[i]!))));
    // The spin switch says it also covers spun text with no original.
    expect(labels[displayKinds.indexOf('spin')]!.textContent).toContain('找不到原文的段落');
  });

  it('reports each change as a whole new settings object', () => {
    const onChange = vi.fn();
    const live = renderLive(<SettingsForm settings={defaultSettings} onChange={onChange} t={t} />);
    try {
      live.click(live.container.querySelector('input[value="lenient"]'));
      expect(onChange).toHaveBeenLastCalledWith({ ...defaultSettings, sensitivity: 'lenient' });
      live.click(live.container.querySelector('input[name="kind-omission"]'));
      expect(onChange).toHaveBeenLastCalledWith({ ...defaultSettings, kinds: { ...defaultSettings.kinds, omission: false } });
    } finally {
      live.unmount();
    }
  });
});

describe('HighlightSwitches', () => {
  it('names the site, and greys its switch out while highlighting is off everywhere', () => {
    const on = renderStatic(<HighlightSwitches hostname="news.example.cn" siteOn everywhereOn onSiteChange={() => {}} onEverywhereChange={() => {}} t={t} />);
    expect(on.text).toContain('在 news.example.cn 上使用原文');
    expect(on.document.querySelector('input[name="site"]')!.hasAttribute('disabled')).toBe(false);
    const off = renderStatic(<HighlightSwitches hostname="news.example.cn" siteOn everywhereOn={false} onSiteChange={() => {}} onEverywhereChange={() => {}} t={t} />);
    expect(off.document.querySelector('input[name="site"]')!.hasAttribute('disabled')).toBe(true);
    expect(off.text).toContain(t('popup.highlightOffEverywhere'));
  });

  it('has no site switch without a web hostname', () => {
    const { document } = renderStatic(<HighlightSwitches siteOn everywhereOn onSiteChange={() => {}} onEverywhereChange={() => {}} t={t} />);
    expect(document.querySelector('input[name="site"]')).toBeNull();
    expect(document.querySelector('input[name="everywhere"]')).not.toBeNull();
  });

  it('calls back with the new state', () => {
    const onSite = vi.fn();
    const onEverywhere = vi.fn();
    const live = renderLive(<HighlightSwitches hostname="a.cn" siteOn everywhereOn onSiteChange={onSite} onEverywhereChange={onEverywhere} t={t} />);
    try {
      live.click(live.container.querySelector('input[name="site"]'));
      expect(onSite).toHaveBeenCalledWith(false);
      live.click(live.container.querySelector('input[name="everywhere"]'));
      expect(onEverywhere).toHaveBeenCalledWith(false);
    } finally {
      live.unmount();
    }
  });
});

describe('OptionsView', () => {
  it('lists the bundled references as a reader knows them (headline, publisher, date, length), never the specimen, never file offsets', () => {
    const { document } = renderStatic(<OptionsView corpus={bundledCorpus} settings={defaultSettings} onSettingsChange={() => {}} t={t} />);
    const refs = bundledCorpus.entries.filter((e) => e.role === 'reference');
    const lists = document.querySelectorAll('.yw-reflist ul');
    expect(lists.length).toBe(1);
    for (const specimen of bundledCorpus.entries.filter((e) => e.role === 'specimen')) {
      expect(document.body.textContent).not.toContain(specimen.publisher);
      expect(document.body.textContent).not.toContain(specimen.headline);
    }
    expect(document.body.textContent).not.toMatch(/\.txt/);
    const items = [...lists[0]!.querySelectorAll('.yw-refitem')];
    expect(items.map((i) => i.getAttribute('data-id'))).toEqual(refs.map((e) => e.id));
    const first = refs[0]!;
    expect(items[0]!.textContent).toContain(first.headline);
    expect(items[0]!.textContent).toContain(first.publisher);
    const [y, m, d] = first.date.split('-').map(Number);
    expect(items[0]!.textContent).toContain(`${y}年${m}月${d}日`);
    expect(items[0]!.textContent).toContain(`${(first.end - first.start).toLocaleString('zh-CN')} 字`);
    expect(document.body.textContent).toContain(t('options.selectHint'));
  });

  it('shows the selected reference in full, exactly as the seed file has it', () => {
    const entry = bundledCorpus.entries.find((e) => e.id === 'peoples-daily-2020-02-03-psc')!;
    const live = renderLive(<OptionsView corpus={bundledCorpus} settings={defaultSettings} onSettingsChange={() => {}} t={t} />);
    try {
      live.click(live.container.querySelector(`.yw-refitem[data-id="${entry.id}"]`));
      const viewer = live.container.querySelector('.yw-viewer')!;
      expect(viewer.getAttribute('data-id')).toBe(entry.id);
      expect(viewer.querySelector('h2')!.textContent).toBe(entry.headline);
      const shown = [...viewer.querySelectorAll('.yw-viewer-text p')].map((p) => p.textContent).join('');
      expect(shown).toBe(bundledCorpus.files[entry.file]!.slice(entry.start, entry.end));
    } finally {
      live.unmount();
    }
  });
});
