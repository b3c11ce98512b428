import { describe, expect, it } from 'vitest';
import { privatizeStartedEvent, startedEventName } from '../../entrypoints/content/wxt-guard';

describe('WXT started-event guard', () => {
  it("WXT still has the event-name field the guard rewrites (a WXT upgrade that drops it fails here)", () => {
    expect(startedEventName()).toMatch(/wxt:content-script-started/);
  });

  it('appends a random suffix, so the page cannot name the event', () => {
    const before = startedEventName()!;
    expect(privatizeStartedEvent(() => 'secret')).toBe(true);
    expect(startedEventName()).toBe(`${before}:secret`);
    privatizeStartedEvent();
    expect(startedEventName()).toMatch(new RegExp(`^${before}:secret:[0-9a-f]{32}$`));
  });
});
