// Yuanwen's own UI on the page: a compact warning banner in a corner and a
// hover card for the difference under the pointer, both inside one closed
// shadow root, so the page's CSS cannot restyle them, its scripts cannot read
// or rewrite them (an open root let a farm page rewrite a red verdict to
// 文字一致 in green), and ours cannot leak out. The banner lives in the top
// layer (a manual popover), above any z-index the page can set. What the page
// can still reach, the host element in its DOM, is checked and put back
// (check()), a bounded number of times. Buttons act on real clicks only
// (isTrusted). Page text only ever reaches the DOM through textContent.
import { bannerMessage, type BannerModel } from '../present/banner';
import type { DisplayKind } from '../present/kinds';
import { tokensCss, type Theme } from '../present/tokens';
import type { MarkInfo } from './marks';

/** All strings the UI shows, resolved by the caller (WXT i18n in the extension, plain strings in tests). */
export interface UiText {
  label: string;
  open: string;
  close: string;
  /** Name and reason of a kind, as every view names it (lib/present/kinds). */
  kind: (kind: DisplayKind) => string;
  why: (kind: DisplayKind) => string;
  original: string;
  page: string;
  restored: string;
  source: (publisher: string, date: string) => string;
  empty: string;
  /** Accessible name of the banner's legend. */
  legend: string;
}

export type { BannerModel } from '../present/banner';

// Colours are the lib/present tokens (tokensCss(':host', theme)): the same
// kind colours and verdict colours as the popup, the side panel and the
// page highlights. The theme follows the page's own background, not the
// system's: a dark site on a light system gets a dark banner.
const css = `
:host { all: initial; }
.banner {
  position: fixed; inset: auto 16px 16px auto; margin: 0; z-index: 2147483647; overflow: visible;
  max-width: min(340px, calc(100vw - 32px)); box-sizing: border-box;
  padding: 10px 12px; border-radius: 10px; border: 1px solid var(--yw-line); border-left: 6px solid var(--v);
  background: var(--yw-bg); color: var(--yw-fg); box-shadow: 0 4px 18px rgba(0,0,0,.28);
  font: 14px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  display: flex; flex-direction: column; gap: 6px;
}
.banner[hidden], .card[hidden] { display: none; }
.head { display: flex; align-items: center; justify-content: space-between; gap: 8px; font-size: 12px; color: var(--yw-muted); }
.message { margin: 0; display: flex; flex-direction: column; gap: 2px; }
.verdict { display: block; font-size: 17px; font-weight: 700; color: var(--v); }
.worst { display: block; font-weight: 600; }
.detail { display: block; font-size: 12px; color: var(--yw-muted); }
.legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 10px; font-size: 12px; }
.legend li { display: inline-flex; align-items: center; gap: 4px; }
.sw { display: inline-block; width: 10px; height: 10px; border-radius: 3px; background: var(--k-fill); border: 2px solid var(--k); }
.actions { display: flex; gap: 8px; }
button { font: inherit; cursor: pointer; border-radius: 6px; }
button:focus-visible { outline: 2px solid var(--yw-focus); outline-offset: 2px; }
.open { padding: 3px 10px; border: 1px solid var(--yw-accent); background: var(--yw-accent); color: var(--yw-onAccent); }
.close { border: none; background: transparent; color: var(--yw-muted); font-size: 18px; line-height: 1; padding: 0 4px; }
.card {
  position: fixed; z-index: 2147483647; pointer-events: none; box-sizing: border-box;
  max-width: 340px; padding: 8px 10px; border-radius: 8px; border: 1px solid var(--yw-line); border-top: 4px solid var(--k);
  background: var(--yw-bg); color: var(--yw-fg); box-shadow: 0 4px 14px rgba(0,0,0,.35);
  font: 13px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
}
.card .kind { font-weight: 700; margin-bottom: 2px; color: var(--k); }
.card .row { margin: 2px 0; word-break: break-all; }
.card .row b { color: var(--yw-muted); font-weight: 400; margin-right: 4px; }
.card .why { color: var(--yw-muted); margin-top: 4px; font-size: 12px; }
.marker { position: fixed; right: 0; width: 14px; height: 5px; margin-top: -2px; z-index: 2147483647; pointer-events: none; background: var(--k); border-radius: 2px 0 0 2px; box-shadow: 0 0 0 1px var(--yw-bg); }
.marker[hidden] { display: none; }
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
  /** Beside the scrollbar: where the selected difference is in the page. */
  private readonly marker: HTMLElement;
  private closed = false;
  /** Paused on this site, or the reader hid the banner here: it stays hidden whatever the report says. */
  private suppressed = false;
  private readonly sheet: CSSStyleSheet;
  private theme: Theme = 'light';
  private readonly verdictEl: HTMLElement;
  private readonly worstEl: HTMLElement;
  private readonly detailEl: HTMLElement;
  private readonly legendEl: HTMLElement;
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
    private readonly onClose: () => void = () => undefined,
  ) {
    this.host = doc.createElement(uiHostTag);
    this.host.setAttribute('style', hostStyle);
    this.shadow = this.host.attachShadow({ mode: 'closed' });
    this.sheet = new (doc.defaultView ?? window).CSSStyleSheet();
    this.sheet.replaceSync(tokensCss(':host', this.theme) + css);
    this.shadow.adoptedStyleSheets = [this.sheet];

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
      if (e.isTrusted) {
        this.close();
        this.onClose();
      }
    });
    head.append(label, close);
    this.message = el(doc, 'p', 'message');
    this.verdictEl = el(doc, 'strong', 'verdict');
    this.worstEl = el(doc, 'span', 'worst');
    this.detailEl = el(doc, 'span', 'detail');
    this.message.append(this.verdictEl, this.worstEl, this.detailEl);
    // The page's legend: the kinds marked here, worst first, in their colours, with their counts.
    this.legendEl = el(doc, 'ul', 'legend');
    this.legendEl.setAttribute('aria-label', text.legend);
    const actions = el(doc, 'div', 'actions');
    const open = el(doc, 'button', 'open');
    open.textContent = text.open;
    open.addEventListener('click', (e) => {
      if (e.isTrusted) this.onOpen();
    });
    actions.append(open);
    this.banner.append(head, this.message, this.legendEl, actions);

    this.marker = el(doc, 'div', 'marker');
    this.marker.hidden = true;
    this.marker.setAttribute('aria-hidden', 'true');

    this.card = el(doc, 'div', 'card');
    this.card.hidden = true;
    this.card.setAttribute('role', 'tooltip');
    this.shadow.append(this.banner, this.card, this.marker);
  }

  /** Shows the banner (unless the reader closed it) with this model; null hides it. */
  showBanner(model: BannerModel | null): void {
    this.shown = model;
    if (!model) {
      this.setBannerVisible(false);
      return;
    }
    this.banner.dataset.tone = model.tone;
    this.render(model);
    this.attach();
    this.setBannerVisible(!this.closed && !this.suppressed);
  }

  /** Hides the banner while `on` (a paused site, or "don't show the banner here"); it comes back when off. */
  suppress(on: boolean): void {
    this.suppressed = on;
    this.setBannerVisible(!on && !this.closed && this.shown !== null);
  }

  /** The reader closed the banner on this page before (remembered across reloads): start closed. */
  startClosed(): void {
    this.closed = true;
    this.setBannerVisible(false);
  }

  private render(model: BannerModel): void {
    this.banner.className = `banner yw-v-${model.tone}`;
    this.verdictEl.textContent = model.verdict;
    this.worstEl.textContent = model.worst ?? '';
    this.worstEl.hidden = !model.worst;
    this.detailEl.textContent = model.detail;
    this.legendEl.replaceChildren(
      ...model.legend.map((item) => {
        const li = el(this.doc, 'li', `yw-k-${item.kind}`);
        const sw = el(this.doc, 'span', 'sw');
        sw.setAttribute('aria-hidden', 'true');
        const label = el(this.doc, 'span', 'name');
        label.textContent = `${item.label} ${item.n}`;
        li.append(sw, label);
        return li;
      }),
    );
  }

  /** Light or dark, from the page's own background (lib/dom/theme.ts). */
  setTheme(theme: Theme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    this.sheet.replaceSync(tokensCss(':host', theme) + css);
    this.host.dataset.theme = theme;
  }

  get currentTheme(): Theme {
    return this.theme;
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
    if (model && !this.closed && !this.suppressed) {
      if (this.message.textContent !== flatText(model) || this.banner.className !== `banner yw-v-${model.tone}`) this.render(model);
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
    return this.banner.hidden || !this.shown ? null : bannerMessage(this.shown);
  }

  showCard(info: MarkInfo, x: number, y: number): void {
    const t = this.text;
    const card = this.card;
    card.replaceChildren();
    card.className = `card yw-k-${info.kind}`;
    const kind = el(this.doc, 'div', 'kind');
    kind.textContent = t.kind(info.kind);
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
    why.textContent = t.why(info.kind);
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

  /** Marks where the selected difference lies, as a share of the page's height, beside the scrollbar. */
  showMarker(fraction: number, kind: DisplayKind): void {
    this.marker.className = `marker yw-k-${kind}`;
    this.marker.style.top = `${Math.min(100, Math.max(0, fraction * 100))}vh`;
    this.marker.hidden = false;
    this.attach();
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

/** The message's text as the DOM holds it (three spans, no separators). */
function flatText(model: BannerModel): string {
  return model.verdict + (model.worst ?? '') + model.detail;
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
