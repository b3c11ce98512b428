import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { renderLive } from './live-dom';

function Broken(): never {
  throw new Error('corrupt report');
}

describe('ErrorBoundary', () => {
  it('shows the fallback instead of a blank page when a view throws', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const live = renderLive(
      <ErrorBoundary fallback={<p>无法显示</p>}>
        <Broken />
      </ErrorBoundary>,
    );
    await live.flush();
    expect(live.container.textContent).toBe('无法显示');
    live.unmount();
    log.mockRestore();
  });

  it('renders its children when nothing throws', async () => {
    const live = renderLive(
      <ErrorBoundary fallback={<p>无法显示</p>}>
        <p>正常</p>
      </ErrorBoundary>,
    );
    await live.flush();
    expect(live.container.textContent).toBe('正常');
    live.unmount();
  });
});
