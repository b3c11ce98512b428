import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { seedIndexPlugin } from './lib/tools/seed-index-plugin';

// Permissions: `storage`, `contextMenus` and `activeTab` (the popup sees the tab's URL, so it can say when the
// reader withdrew Yuanwen's access to that site), plus `sidePanel`, which WXT adds for the side panel entrypoint
// (README, "Permissions and privacy", says why);
// the content script's <all_urls> match is declared in entrypoints/content/.
export default defineConfig({
  // No auto-imports: every module names what it uses (an import is greppable and
  // typechecks without the generated .wxt/ declarations).
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  // The bundled seeds' index is built with the bundle (lib/tools/seed-index.ts).
  vite: () => ({ plugins: [seedIndexPlugin()] }),
  hooks: {
    // A runtime plugin runs before WXT creates the content script's context:
    // it keeps the page from silencing the script (entrypoints/content/wxt-guard.ts).
    'config:resolved': (wxt) => {
      wxt.config.plugins.push(fileURLToPath(new URL('./entrypoints/content/wxt-guard.ts', import.meta.url)));
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'contextMenus', 'activeTab'],
    action: { default_title: '__MSG_extName__' },
    // Next / previous difference from the page; readers can remap them (chrome://extensions/shortcuts).
    commands: {
      'next-difference': { suggested_key: { default: 'Alt+Shift+N' }, description: '__MSG_commands_next__' },
      'previous-difference': { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_commands_previous__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'yuanwen@yuanwen.invalid',
              strict_min_version: '140.0',
              // Firefox asks add-ons to declare what they collect: nothing leaves the browser.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
