import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { t } from '../../lib/view/translate';
import { tabIdFromSearch } from './actions';
import { App, prefetchReport } from './App';
import { installTokens } from '../../components/theme';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import '../../components/theme.css';
import './style.css';

performance.mark('yuanwen:view:script');
installTokens();
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('popup.title');
// Opened as a page for a tab (?tab=<id>) rather than as the toolbar popup: use the room a tab has.
// `as=popup` keeps the popup's size (screenshots and the bench open the popup page in a tab).
if (tabIdFromSearch(location.search) !== undefined && new URLSearchParams(location.search).get('as') !== 'popup') document.body.classList.add('yw-tabmode');
// The toolbar popup itself: Chrome takes its width from the content (the view is fluid from 360 to 800 px).
else if (tabIdFromSearch(location.search) === undefined) document.documentElement.classList.add('yw-toolbar');

// Ask for the report now: the answer travels while React starts.
prefetchReport(location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fallback={<p role="alert" className="yw-error">{t('guard.viewFailed')}</p>}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
