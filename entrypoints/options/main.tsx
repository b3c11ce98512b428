import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { t } from '../../lib/view/translate';
import { App } from './App';
import { installTokens } from '../../components/theme';
import '../../components/theme.css';

installTokens();
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('options.title');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
