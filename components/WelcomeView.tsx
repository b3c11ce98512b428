import { useState } from 'react';
import type { TabReport } from '../lib/protocol';
import type { FindingKey } from '../lib/present/findings';
import type { Translate } from './i18n';
import { Legend } from './Legend';
import { ReportView } from './ReportView';

export interface WelcomeViewProps {
  /** The live example, verified by the engine in the page; null when its original is not bundled. */
  example: TabReport | null;
  refFiles: Readonly<Record<string, string>>;
  onOpenOptions: () => void;
  t: Translate;
}

/** First run: what Yuanwen does, where to look, what the colours mean, and the comparison on a live example. */
export function WelcomeView({ example, refFiles, onOpenOptions, t }: WelcomeViewProps) {
  const [, setPicked] = useState<FindingKey | undefined>();
  return (
    <main className="yw-welcome">
      <header className="yw-welcome-head">
        <img src="/icon/128.png" alt="" width={64} height={64} />
        <div>
          <h1>{t('welcome.title')}</h1>
          <p className="yw-welcome-lead">{t('welcome.lead')}</p>
        </div>
      </header>
      <section aria-labelledby="yw-w-how">
        <h2 id="yw-w-how">{t('welcome.howTitle')}</h2>
        <ol className="yw-welcome-steps">
          <li>{t('welcome.step1')}</li>
          <li>{t('welcome.step2')}</li>
          <li>{t('welcome.step3')}</li>
        </ol>
        <p className="yw-muted">{t('welcome.pin')}</p>
      </section>
      <section aria-labelledby="yw-w-colours">
        <h2 id="yw-w-colours">{t('welcome.coloursTitle')}</h2>
        <p className="yw-muted">{t('welcome.coloursLead')}</p>
        <Legend explain t={t} />
      </section>
      <section aria-labelledby="yw-w-example" className="yw-welcome-example">
        <h2 id="yw-w-example">{t('welcome.exampleTitle')}</h2>
        <p className="yw-muted">{t('welcome.exampleLead')}</p>
        {example ? (
          <div className="yw-popup yw-surface-tab yw-welcome-live">
            <ReportView tabReport={example} refFiles={refFiles} onReveal={setPicked} t={t} />
          </div>
        ) : (
          <p className="yw-warning">{t('welcome.exampleMissing')}</p>
        )}
      </section>
      <section aria-labelledby="yw-w-privacy">
        <h2 id="yw-w-privacy">{t('welcome.privacyTitle')}</h2>
        <p>{t('welcome.privacy')}</p>
        <button type="button" className="yw-btn" onClick={onOpenOptions}>
          {t('popup.openOptions')}
        </button>
      </section>
    </main>
  );
}
