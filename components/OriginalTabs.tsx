import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  id: string;
  label: ReactNode;
  title?: string;
}

export interface OriginalTabsProps {
  tabs: readonly TabItem[];
  current: number;
  onChange: (index: number) => void;
  /** id prefix tying each tab to its panel. */
  idPrefix: string;
  label: string;
  children: ReactNode;
}

/** WAI-ARIA tabs: a tablist with arrow keys, Home and End, and one tabpanel labelled by the current tab. */
export function OriginalTabs({ tabs, current, onChange, idPrefix, label, children }: OriginalTabsProps) {
  const list = useRef<HTMLDivElement>(null);
  const move = (to: number) => {
    const n = tabs.length;
    const i = ((to % n) + n) % n;
    onChange(i);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[i]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(current + 1),
      ArrowLeft: () => move(current - 1),
      Home: () => move(0),
      End: () => move(tabs.length - 1),
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  };
  if (tabs.length <= 1) {
    return (
      <div className="yw-tabpanel" id={`${idPrefix}-panel`} data-tab={tabs[0]?.id}>
        {children}
      </div>
    );
  }
  return (
    <>
      <div className="yw-tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKey}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${i}`}
            aria-selected={i === current}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={i === current ? 0 : -1}
            className={i === current ? 'yw-on' : ''}
            title={tab.title}
            data-tab={tab.id}
            onClick={() => onChange(i)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="yw-tabpanel" role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${current}`} data-tab={tabs[current]?.id}>
        {children}
      </div>
    </>
  );
}
