import { useEffect, useRef, useState } from 'react';
import { OptionsView } from '../../components/OptionsView';
import { LibrarySection } from './LibrarySection';
import { bundledCorpus } from '../../lib/corpus/bundled';
import type { Settings } from '../../lib/settings';
import { loadSettings, saveSettings, watchSettings } from '../../lib/storage';
import { t } from '../../lib/view/translate';

/** How long the "saved" notice stays after a change. */
const savedNoticeMs = 1500;

export function App() {
  const [settings, setSettings] = useState<Settings | undefined>();
  const [saved, setSaved] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    void loadSettings().then(setSettings);
    // The popup's switches write the same item; keep this page in step with them.
    const unwatch = watchSettings(setSettings);
    return () => {
      unwatch();
      clearTimeout(timer.current);
    };
  }, []);

  const onChange = (next: Settings) => {
    setSettings(next);
    void saveSettings(next).then(() => {
      setSaved(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setSaved(false), savedNoticeMs);
    });
  };

  // `#<article id>` opens that article directly (a link from the popup or the README can point at one).
  // A malformed escape (options.html#%E0%A4%A) is no article id: the page opens as usual.
  const initial = safeDecode(location.hash.slice(1)) || undefined;

  return <OptionsView corpus={bundledCorpus} settings={settings} onSettingsChange={onChange} savedNotice={saved} initialSelectedId={initial} library={<LibrarySection />} t={t} />;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}
