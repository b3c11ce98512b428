import { defineConfig } from 'wxt';

// See README "Permissions" for why each permission is needed.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage'],
    action: { default_title: '__MSG_extName__' },
  },
});
