import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { t } from '../../lib/view/translate';
import { App } from './App';
import { installTokens } from '../../components/theme';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import '../../components/theme.css';

installTokens();
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('options.title');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fallback={<p role="alert" className="yw-error">{t('guard.viewFailed')}</p>}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
