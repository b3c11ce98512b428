// Rendering helpers without jsdom: static markup parsed by linkedom for
// assertions, and a live React root in a linkedom document for interactions.
import { parseHTML } from 'linkedom';
import type { ReactElement } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';

export function renderStatic(el: ReactElement) {
  const html = renderToStaticMarkup(el);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return { html, document, text: document.body.textContent ?? '' };
}

export interface Live {
  document: Document;
  container: HTMLElement;
  render: (el: ReactElement) => void;
  click: (el: Element | null) => void;
  /** Lets pending promises and effects settle (storage, messaging) inside act(). */
  flush: (ms?: number) => Promise<void>;
  unmount: () => void;
}

/** A live root. React needs `window`/`document` globals to attach its event system. */
export function renderLive(el: ReactElement): Live {
  const { window, document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  const g = globalThis as Record<string, unknown>;
  const saved = { window: g.window, document: g.document, IS_REACT_ACT_ENVIRONMENT: g.IS_REACT_ACT_ENVIRONMENT };
  g.window = window;
  g.document = document;
  // linkedom has no frames to animate; the virtualized list schedules its scrolling with requestAnimationFrame.
  const w = window as unknown as Record<string, unknown>;
  w.requestAnimationFrame ??= (cb: (t: number) => void) => setTimeout(() => cb(Date.now()), 0);
  w.cancelAnimationFrame ??= (id: ReturnType<typeof setTimeout>) => clearTimeout(id);
  g.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.getElementById('root') as unknown as HTMLElement;
  let root: Root;
  act(() => {
    root = createRoot(container);
    root.render(el);
  });
  return {
    document: document as unknown as Document,
    container,
    render: (next) => act(() => root.render(next)),
    click: (target) => {
      if (!target) throw new Error('nothing to click');
      act(() => {
        // A browser toggles a checkbox or radio before dispatching the click (its activation behaviour); linkedom
        // does not, and React reads the new `checked` to decide that the input changed.
        const input = target as HTMLInputElement;
        if (input.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio')) input.checked = input.type === 'radio' ? true : !input.checked;
        target.dispatchEvent(new window.Event('click', { bubbles: true }) as unknown as Event);
      });
    },
    flush: async (ms = 20) => {
      await act(async () => {
        await new Promise((r) => setTimeout(r, ms));
      });
    },
    unmount: () => {
      act(() => root.unmount());
      Object.assign(g, saved);
    },
  };
}
