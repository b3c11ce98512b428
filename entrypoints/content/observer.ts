// The page observer: which DOM changes matter to Yuanwen. One MutationObserver
// over the document; its records are sorted here (pure, unit-tested) and the
// caller decides what to do: re-run soon, drop the marks over changed text at
// once, re-check all marks after removals, put our UI host back.

/** The parts of a MutationRecord the classification reads (a fake in tests). */
export interface ChangeRecord {
  type: string;
  target: Node;
  addedNodes: ArrayLike<Node>;
  removedNodes: ArrayLike<Node>;
}

export interface PageChanges {
  /** Something the page shows changed: schedule a verification run. */
  relevant: boolean;
  /** Nodes were removed: marks may point at detached text. */
  removals: boolean;
  /** Text nodes under drawn marks whose text changed. */
  changedText: Node[];
  /** Our own UI host was taken out of the document. */
  hostRemoved: boolean;
  /** Elements added (subtree roots): while the page has shown no Han text, the gate looks into their shadow roots only, not the whole page again. */
  added: Element[];
}

/** Sorts one batch of mutation records. Our own host's comings and goings are not page changes. */
export function classifyChanges(records: ArrayLike<ChangeRecord>, host: Node | null, covers: (node: Node) => boolean): PageChanges {
  const out: PageChanges = { relevant: false, removals: false, changedText: [], hostRemoved: false, added: [] };
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.type === 'childList') {
      if (host && r.target === host) continue;
      if (host && r.addedNodes.length + r.removedNodes.length === 1 && (r.addedNodes[0] === host || r.removedNodes[0] === host)) {
        if (r.removedNodes[0] === host) out.hostRemoved = true;
        continue;
      }
      out.relevant = true;
      if (r.removedNodes.length > 0) out.removals = true;
      for (let j = 0; j < r.addedNodes.length; j++) {
        const n = r.addedNodes[j]!;
        if (n.nodeType === 1) out.added.push(n as Element);
      }
    } else if (r.type === 'characterData') {
      out.relevant = true;
      if (covers(r.target)) out.changedText.push(r.target);
    } else {
      out.relevant = true;
    }
  }
  return out;
}

export interface PageObserverHooks {
  host: () => Node | null;
  covers: (node: Node) => boolean;
  onChanges: (changes: PageChanges) => void;
}

/** Watches the whole document (children, subtree, text). Returns the disconnect function. */
export function observePage(doc: Document, hooks: PageObserverHooks): () => void {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const Observer = view?.MutationObserver ?? MutationObserver;
  const observer = new Observer((records) => hooks.onChanges(classifyChanges(records, hooks.host(), hooks.covers)));
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
