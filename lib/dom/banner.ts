// Yuanwen's own UI on the page: a compact warning banner in a corner and a
// hover card for the difference under the pointer, both inside one closed
// shadow root, so the page's CSS cannot restyle them, its scripts cannot read
// or rewrite them (an open root let a farm page rewrite a red verdict to
// 文字一致 in green), and ours cannot leak out. The banner lives in the top
// layer (a manual popover), above any z-index the page can set. What the page
// can still reach, the host element in its DOM, is checked and put back
// (check()), a bounded number of times. Buttons act on real clicks only
// (isTrusted). Page text only ever reaches the DOM through textContent.
import type { Report } from '../engine/types';
import { differenceTotal, scrambledSignTotal, type MarkInfo } from './marks';

/** All strings the UI shows, resolved by the caller (WXT i18n in the extension, plain strings in tests). */
export interface UiText {
  label: string;
  open: string;
  close: string;
  kind: (reason: MarkInfo['reason']) => string;
  why: (reason: MarkInfo['reason']) => string;
  original: string;
  page: string;
  restored: string;
  source: (publisher: string, date: string) => string;
  empty: string;
}

export type BannerTone = 'faithful' | 'edited' | 'scrambled';

export interface BannerModel {
  tone: BannerTone;
  message: string;
}

/** Message builders for the banner text (the caller passes localized pieces). */
export interface BannerText {
  compareWith: (publisher: string, date: string, count: number) => string;
  spin: (n: number) => string;
  distortingOf: (n: number) => string;
  alteration: (n: number) => string;
  omission: (n: number) => string;
  insertion: (n: number) => string;
  faithful: (publisher: string, date: string) => string;
  scrambledOnly: (regions: number, signs: number) => string;
  /** Between a count and its "of which" clause (，). */
  comma: string;
  /** Between clauses (；). */
  semicolon: string;
}

/** The banner for a report, or null when there is nothing to tell (a page with no bulletin). */
export function bannerModel(report: Report, t: BannerText): BannerModel | null {
  if (report.matches.length === 0) {
    const regions = report.unmatched.filter((u) => u.scrambled).length;
    if (regions === 0) return null;
    return { tone: 'scrambled', message: t.scrambledOnly(regions, scrambledSignTotal(report)) };
  }
  // Name the match with the most text (the main article of the page).
  const main = report.matches.reduce((a, b) => (b.page.end - b.page.start > a.page.end - a.page.start ? b : a));
  const publisher = main.ref.publisher;
  /** ISO date: the BannerText builders format it for the locale. */
  const date = main.ref.date;
  const c = report.counts;
  if (differenceTotal(report) === 0) return { tone: 'faithful', message: t.faithful(publisher, date) };
  const clauses: string[] = [];
  if (c.spin > 0) clauses.push(t.spin(c.spin) + (c.distorting > 0 ? t.comma + t.distortingOf(c.distorting) : ''));
  if (c.alteration > 0) clauses.push(t.alteration(c.alteration));
  if (c.omission > 0) clauses.push(t.omission(c.omission));
  if (c.insertion > 0) clauses.push(t.insertion(c.insertion));
  const tone: BannerTone = report.verdict === 'scrambled' || c.distorting > 0 ? 'scrambled' : 'edited';
  // Count originals, not matches: a page may quote one original twice (002 quotes 000 in two places).
  const originals = new Set(report.matches.map((m) => m.ref.id)).size;
  return { tone, message: t.compareWith(publisher, date, originals) + clauses.join(t.semicolon) };
}

const css = `
:host { all: initial; }
.banner {
  position: fixed; inset: auto 16px 16px auto; margin: 0; z-index: 2147483647; overflow: visible;
  max-width: min(320px, calc(100vw - 32px)); box-sizing: border-box;
  padding: 10px 12px; border-radius: 10px; border-left: 6px solid #dc2626;
  background: #fff; color: #1f2937; box-shadow: 0 4px 18px rgba(0,0,0,.28);
  font: 14px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  display: flex; flex-direction: column; gap: 6px; border-top: none; border-right: none; border-bottom: none;
}
.banner[data-tone="edited"] { border-left-color: #d97706; }
.banner[data-tone="faithful"] { border-left-color: #16a34a; }
.banner[hidden], .card[hidden] { display: none; }
.head { display: flex; align-items: center; justify-content: space-between; gap: 8px; font-weight: 600; font-size: 13px; color: #6b7280; }
.message { margin: 0; }
.actions { display: flex; gap: 8px; }
button { font: inherit; cursor: pointer; border-radius: 6px; }
.open { padding: 3px 10px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; }
.close { border: none; background: transparent; color: #6b7280; font-size: 18px; line-height: 1; padding: 0 4px; }
.card {
  position: fixed; z-index: 2147483647; pointer-events: none; box-sizing: border-box;
  max-width: 340px; padding: 8px 10px; border-radius: 8px;
  background: #111827; color: #f9fafb; box-shadow: 0 4px 14px rgba(0,0,0,.35);
  font: 13px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
}
.card .kind { font-weight: 700; margin-bottom: 2px; }
.card .row { margin: 2px 0; word-break: break-all; }
.card .row b { color: #9ca3af; font-weight: 400; margin-right: 4px; }
.card .why { color: #d1d5db; margin-top: 4px; font-size: 12px; }
@media (prefers-color-scheme: dark) {
  .banner { background: #1f2937; color: #f3f4f6; }
  .head, .close { color: #9ca3af; }
}
`;

/** Tag of the host element. The extraction skips the host by identity, never by tag or attribute (a page can copy both). */
export const uiHostTag = 'yuanwen-ui';

/**
 * The host's own style, every property !important: an inline !important
 * declaration beats any rule of the page, so only a script can change it, and
 * check() puts it back.
 */
const hostStyle =
  'all: initial !important; display: block !important; position: static !important; visibility: visible !important; ' +
  'opacity: 1 !important; transform: none !important; filter: none !important; clip-path: none !important;';

/** What check() found and repaired. */
export interface UiCheck {
  reattached: boolean;
  restyled: boolean;
  raised: boolean;
}

export class YuanwenUi {
  readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly banner: HTMLElement;
  private readonly message: HTMLElement;
  private readonly card: HTMLElement;
  private closed = false;
  /** What the banner should show (put back by check() if anything differs). */
  private shown: BannerModel | null = null;
  /** How many times the host was put back after the page removed it. */
  reattached = 0;
  /** How many times the host's style was put back, and the banner raised above something covering it. */
  restyled = 0;
  raised = 0;

  constructor(
    private readonly doc: Document,
    private readonly text: UiText,
    private readonly onOpen: () => void,
  ) {
    this.host = doc.createElement(uiHostTag);
    this.host.setAttribute('style', hostStyle);
    this.shadow = this.host.attachShadow({ mode: 'closed' });
    const sheet = new (doc.defaultView ?? window).CSSStyleSheet();
    sheet.replaceSync(css);
    this.shadow.adoptedStyleSheets = [sheet];

    this.banner = el(doc, 'div', 'banner');
    this.banner.setAttribute('role', 'status');
    // Top layer: above every z-index and stacking context of the page.
    this.banner.setAttribute('popover', 'manual');
    this.banner.hidden = true;
    const head = el(doc, 'div', 'head');
    const label = el(doc, 'span', 'label');
    label.textContent = text.label;
    const close = el(doc, 'button', 'close');
    close.textContent = '×';
    close.title = text.close;
    close.setAttribute('aria-label', text.close);
    // Only a real click: a page cannot press our buttons from script.
    close.addEventListener('click', (e) => {
      if (e.isTrusted) this.close();
    });
    head.append(label, close);
    this.message = el(doc, 'p', 'message');
    const actions = el(doc, 'div', 'actions');
    const open = el(doc, 'button', 'open');
    open.textContent = text.open;
    open.addEventListener('click', (e) => {
      if (e.isTrusted) this.onOpen();
    });
    actions.append(open);
    this.banner.append(head, this.message, actions);

    this.card = el(doc, 'div', 'card');
    this.card.hidden = true;
    this.card.setAttribute('role', 'tooltip');
    this.shadow.append(this.banner, this.card);
  }

  /** Shows the banner (unless the reader closed it) with this model; null hides it. */
  showBanner(model: BannerModel | null): void {
    this.shown = model;
    if (!model) {
      this.setBannerVisible(false);
      return;
    }
    this.banner.dataset.tone = model.tone;
    this.message.textContent = model.message;
    this.attach();
    this.setBannerVisible(!this.closed);
  }

  close(): void {
    this.closed = true;
    this.setBannerVisible(false);
  }

  /** Forget that the reader closed the banner (a new page in a single-page app). */
  reset(): void {
    this.closed = false;
    this.shown = null;
    this.setBannerVisible(false);
    this.hideCard();
  }

  private setBannerVisible(visible: boolean): void {
    this.banner.hidden = !visible;
    const b = this.banner as HTMLElement & { showPopover?: () => void; hidePopover?: () => void };
    try {
      if (visible && this.host.isConnected) {
        if (!b.matches(':popover-open')) b.showPopover?.();
      } else if (b.matches(':popover-open')) {
        b.hidePopover?.();
      }
    } catch {
      // no popover support (or not connected yet): the fixed position and z-index still apply
    }
  }

  /**
   * Checks what the page can reach and puts it back: the host in the
   * document, the host's style, the banner's text and tone, and the banner on
   * top at its own centre (something the page raised over it is answered by
   * raising the banner again). Repairs made at once (on a mutation) are
   * bounded: a page whose observer undoes each repair would otherwise loop
   * with ours and freeze the tab, so after maxRepairs only the guard's
   * periodic tick (`tick: true`, once a second) repairs style and layer. The
   * host removed more than maxReattach times stays removed (the badge still
   * tells the verdict).
   */
  check(options: { tick?: boolean } = {}): UiCheck {
    const allowed = (count: number) => options.tick === true || count < YuanwenUi.maxRepairs;
    const result: UiCheck = { reattached: false, restyled: false, raised: false };
    if (!this.host.isConnected) {
      const before = this.reattached;
      this.attach();
      result.reattached = this.reattached > before;
      if (!this.host.isConnected) return result;
    }
    if (this.host.getAttribute('style') !== hostStyle && allowed(this.restyled)) {
      this.host.setAttribute('style', hostStyle);
      this.restyled++;
      result.restyled = true;
    }
    const model = this.shown;
    if (model && !this.closed) {
      if (this.message.textContent !== model.message) this.message.textContent = model.message;
      if (this.banner.dataset.tone !== model.tone) this.banner.dataset.tone = model.tone;
      this.setBannerVisible(true);
      if (!this.bannerOnTop() && allowed(this.raised)) {
        // Re-entering the top layer puts the banner above what the page put there since.
        const b = this.banner as HTMLElement & { showPopover?: () => void; hidePopover?: () => void };
        try {
          b.hidePopover?.();
          b.showPopover?.();
        } catch {
          // no popover support
        }
        this.raised++;
        result.raised = true;
      }
    }
    return result;
  }

  /** Is the banner what the reader sees at its own centre? */
  private bannerOnTop(): boolean {
    if (this.banner.hidden) return true;
    const r = this.banner.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const hit = this.shadow.elementFromPoint?.(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && this.banner.contains(hit);
  }

  get bannerText(): string | null {
    return this.banner.hidden ? null : this.message.textContent;
  }

  showCard(info: MarkInfo, x: number, y: number): void {
    const t = this.text;
    const card = this.card;
    card.replaceChildren();
    const kind = el(this.doc, 'div', 'kind');
    kind.textContent = t.kind(info.reason);
    card.append(kind);
    const scrambled = info.reason === 'scrambled' || info.reason === 'scrambled-distorting';
    card.append(row(this.doc, scrambled ? t.restored : t.original, info.original || t.empty));
    card.append(row(this.doc, t.page, info.pageText || t.empty));
    if (info.source) {
      const src = el(this.doc, 'div', 'row');
      src.textContent = t.source(info.source.publisher, info.source.date);
      card.append(src);
    }
    const why = el(this.doc, 'div', 'why');
    why.textContent = t.why(info.reason);
    card.append(why);
    card.hidden = false;
    this.attach();
    // Place below-right of the pointer, flipped to stay inside the viewport.
    const view = this.doc.defaultView;
    const vw = view?.innerWidth ?? 1024;
    const vh = view?.innerHeight ?? 768;
    const rect = card.getBoundingClientRect();
    let left = x + 14;
    let top = y + 18;
    if (left + rect.width > vw - 4) left = Math.max(4, x - rect.width - 14);
    if (top + rect.height > vh - 4) top = Math.max(4, y - rect.height - 14);
    card.style.left = `${left}px`;
    card.style.top = `${top}px`;
  }

  hideCard(): void {
    if (!this.card.hidden) this.card.hidden = true;
  }

  /**
   * Puts the host in the document if it is not there. A page that keeps
   * removing it wins after a few tries: we do not fight the page in a loop.
   */
  attach(): void {
    if (this.host.isConnected) return;
    const parent = this.doc.documentElement;
    if (!parent) return;
    if (this.attachedOnce) {
      if (this.reattached >= YuanwenUi.maxReattach) return;
      this.reattached++;
    }
    parent.appendChild(this.host);
    this.attachedOnce = true;
  }

  static readonly maxReattach = 5;
  /** Repairs of one kind (style, raising) before the page is let win. */
  static readonly maxRepairs = 5;
  private attachedOnce = false;

  destroy(): void {
    this.host.remove();
  }
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  e.className = cls;
  return e;
}

function row(doc: Document, label: string, value: string): HTMLElement {
  const r = el(doc, 'div', 'row');
  const b = el(doc, 'b', 'label');
  b.textContent = label;
  const v = el(doc, 'span', 'value');
  v.textContent = value;
  r.append(b, v);
  return r;
}
