import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TimeoutError, sendWithRetry } from '../../lib/messaging';

const original = fakeBrowser.runtime.sendMessage;

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.runtime.sendMessage = original;
});

describe('sendWithRetry', () => {
  it('does not send again what timed out (the worker is busy with it)', async () => {
    const send = vi.fn(() => new Promise<never>(() => undefined));
    fakeBrowser.runtime.sendMessage = send as never;
    await expect(sendWithRetry({ type: 'clear' }, { timeoutMs: 20, backoffMs: 1 })).rejects.toBeInstanceOf(TimeoutError);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('retries an answer a restarted worker dropped', async () => {
    const send = vi.fn().mockResolvedValueOnce(undefined).mockResolvedValueOnce({ ok: true });
    fakeBrowser.runtime.sendMessage = send as never;
    expect(await sendWithRetry({ type: 'clear' }, { timeoutMs: 200, backoffMs: 1 })).toEqual({ ok: true });
    expect(send).toHaveBeenCalledTimes(2);
  });
});
