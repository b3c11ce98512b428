// The setup WxtVitest's extension API mock gives Node projects, for Vitest
// browser mode (its virtual setup module does not load in a browser): the
// extension API globals are WXT's fake browser, in memory, reset per test file.
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);
