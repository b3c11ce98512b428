import { bannerLines, type Summary } from '../lib/present/summary';
import type { Translate } from './i18n';

export interface VerdictHeaderProps {
  summary: Summary;
  t: Translate;
}

/**
 * The verdict word, then the worst finding with its example, then what the numbers add up to: the banner's lines.
 * Text the page renders other than the text verified is a finding of its own, said before the worst difference.
 */
export function VerdictHeader({ summary, t }: VerdictHeaderProps) {
  const lines = bannerLines(summary, t);
  return (
    <header className={`yw-verdict yw-v-${summary.tone}`} data-verdict={summary.verdict} data-tone={summary.tone}>
      <h2 className="yw-verdict-word">{lines?.verdict ?? t(`verdict.${summary.verdict}.word`)}</h2>
      {lines?.rendered ? (
        <p className="yw-verdict-worst yw-verdict-rendered" data-finding="rendered">
          {lines.rendered}
        </p>
      ) : null}
      {lines?.worst ? <p className="yw-verdict-worst">{lines.worst}</p> : null}
      <p className="yw-verdict-detail">{lines?.detail ?? t(`verdict.${summary.verdict}.detail`)}</p>
    </header>
  );
}
