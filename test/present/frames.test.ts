// A tab's frames (lib/present/frames.ts): the badge shows the worst frame's
// verdict and says when it is a frame's; the popup's notices list the child
// frames that carry a bulletin, worst first.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus, seedsDir } from '../../lib/corpus/node';
import { buildIndex, verify } from '../../lib/engine';
import { badgeModel } from '../../lib/present/badge';
import { frameNotices, frameVerdictOf, parseFrameVerdictList, worstFrame, type FrameVerdict } from '../../lib/present/frames';
import { verdictAccent } from '../../lib/present/tokens';
import { sampleReport } from '../components/fixtures';
import { makeT } from '../components/t';

const zh = makeT('zh_CN');
const index = buildIndex(loadCorpus());
const none = { anomalies: [] };
const spun = verify(readFileSync(`${seedsDir}/002_4ec4b0ae00f95d62.txt`, 'utf8'), index);
const plain = verify('春天到了，公园里的樱花陆续开放，吸引了许多市民前来赏花拍照。'.repeat(3), index);

const top = (report = plain) => frameVerdictOf(0, 'http://127.0.0.1:8000/top.html', report, none, zh);
const child = (id: number, report = spun) => frameVerdictOf(id, 'http://127.0.0.1:9000/inner.html', report, none, zh);

describe('frames', () => {
  it('a spun bulletin in a child frame under a top page with none: the badge is the frame\'s, its title names the frame', () => {
    const b = badgeModel({ type: 'frames', frames: [top(), child(5)] }, zh);
    expect(b.text).toBe(child(5).badge.text);
    expect(b.text).toMatch(/^\d+$/);
    expect(b.colour).toBe(verdictAccent.scrambled.light);
    expect(b.title).toContain('本页嵌入的框架（127.0.0.1:9000）');
  });

  it('the top frame worst: its own badge, with the count of other frames carrying a bulletin', () => {
    const edited = sampleReport().report;
    const b = badgeModel({ type: 'frames', frames: [top(spun), child(5, edited)] }, zh);
    expect(b.text).toBe(top(spun).badge.text);
    expect(b.title).toContain('另有 1 篇通稿');
    expect(badgeModel({ type: 'frames', frames: [top(spun)] }, zh)).toEqual(top(spun).badge);
  });

  it('no frame with a bulletin: the top frame\'s quiet badge, or blank without any frame', () => {
    expect(badgeModel({ type: 'frames', frames: [top(), child(2, plain)] }, zh).text).toBe('');
    expect(badgeModel({ type: 'frames', frames: [] }, zh)).toEqual(badgeModel({ type: 'blank' }, zh));
  });

  it('worst first: scrambled before edited, whichever frame', () => {
    const edited = sampleReport().report;
    expect(worstFrame([child(3, edited), child(4, spun)])?.frameId).toBe(4);
    expect(worstFrame([top(), child(2, plain)])).toBeUndefined();
  });

  it('notices: child frames with a bulletin only, with their verdict word and host', () => {
    const notices = frameNotices([top(spun), child(2, plain), child(6)], zh);
    expect(notices.map((n) => n.frameId)).toEqual([6]);
    expect(notices[0]!.text).toBe('本页嵌入的框架（127.0.0.1:9000）中有一篇通稿：被机器改写过');
    expect(notices[0]!.tone).toBe('scrambled');
  });

  it('what storage or a message hands back is checked field by field', () => {
    const good: FrameVerdict = child(1);
    expect(parseFrameVerdictList([good, null, { ...good, frameId: -1 }, { ...good, verdict: 'green' }, { ...good, badge: { text: 1 } }, 'x'])).toEqual([good]);
    expect(parseFrameVerdictList('garbage')).toEqual([]);
  });
});
