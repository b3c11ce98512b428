// The side panel (Chrome) / sidebar (Firefox): the popup's view beside the
// page, following the tab its window shows.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { installTokens } from '../../components/theme';
import { t } from '../../lib/view/translate';
import { App, prefetchReport } from '../popup/App';
import '../../components/theme.css';
import './style.css';

performance.mark('yuanwen:view:script');
installTokens();
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('popup.title');

// Ask for the report now: the answer travels while React starts.
prefetchReport(location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App surface="sidepanel" />
  </StrictMode>,
);
