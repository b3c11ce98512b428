export interface EmptyStateProps {
  title: string;
  body?: string;
  /** Tone of the icon: a quiet page, or something went wrong. */
  tone?: 'quiet' | 'error';
}

export function EmptyState({ title, body, tone = 'quiet' }: EmptyStateProps) {
  return (
    <section className={`yw-empty yw-empty-${tone}`} role="status">
      <div className="yw-empty-icon" aria-hidden="true">
        {tone === 'error' ? '!' : '文'}
      </div>
      <h2 className="yw-empty-title">{title}</h2>
      {body ? <p className="yw-empty-body">{body}</p> : null}
    </section>
  );
}
