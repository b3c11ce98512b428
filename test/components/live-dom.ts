// Rendering helpers for Vitest browser mode (a real Chromium document): static
// markup parsed by the browser's own parser for assertions, and a live React
// root attached to the page for interactions, with real events and layout.
import type { ReactElement } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export function renderStatic(el: ReactElement) {
  const html = renderToStaticMarkup(el);
  const parsed = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  return { html, document: parsed, text: parsed.body.textContent ?? '' };
}

/** A live React root and its helpers; `click` is a real click: the browser toggles checkboxes and radios itself. */
export interface Live {
  document: Document;
  container: HTMLElement;
  render: (el: ReactElement) => void;
  click: (el: Element | null) => void;
  /** Lets pending promises and effects settle (storage, messaging) inside act(). */
  flush: (ms?: number) => Promise<void>;
  unmount: () => void;
}

export function renderLive(el: ReactElement): Live {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root;
  act(() => {
    root = createRoot(container);
    root.render(el);
  });
  return {
    document,
    container,
    render: (next) => act(() => root.render(next)),
    click: (target) => {
      if (!target) throw new Error('nothing to click');
      act(() => (target as HTMLElement).click());
    },
    flush: async (ms = 20) => {
      await act(async () => {
        await new Promise((r) => setTimeout(r, ms));
      });
    },
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}
