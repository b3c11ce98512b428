// Opened once, when Yuanwen is installed (entrypoints/background): what it
// does, what each colour means, and a live example verified by the engine.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { installTokens } from '../../components/theme';
import { WelcomeView } from '../../components/WelcomeView';
import { bundledCorpus } from '../../lib/corpus/bundled';
import { buildIndex, verify } from '../../lib/engine';
import type { TabReport } from '../../lib/protocol';
import { t } from '../../lib/view/translate';
import { exampleText } from './example';
import '../../components/theme.css';
import './style.css';

installTokens();
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('welcome.title');

const text = exampleText(bundledCorpus);
let example: TabReport | null = null;
if (text) {
  const report = verify(text, buildIndex(bundledCorpus));
  example = { url: location.href, generation: 1, report, text, verifiedAt: Date.now() };
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WelcomeView example={example} refFiles={bundledCorpus.files} onOpenOptions={() => void browser.runtime.openOptionsPage()} t={t} />
  </StrictMode>,
);
