// Adapts WXT's typed i18n to the plain `t` the components take as a prop, so
// components never touch the extension API themselves.
import { i18n } from '#i18n';
import type { Translate } from '../../components/i18n';

type LooseT = (key: string, substitutions: (string | number)[]) => string;

export const t: Translate = (key, substitutions) => (i18n.t as unknown as LooseT)(key, substitutions ?? []);
