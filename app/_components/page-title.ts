import type { Metadata } from 'next';
import type { Messages } from 'next-intl';
import { getTranslations } from 'next-intl/server';

/** The message namespaces that carry a page's <title> (`metaTitle`). */
type TitledNamespace = {
  [Namespace in keyof Messages]: Messages[Namespace] extends { metaTitle: string } ? Namespace : never;
}[keyof Messages];

/**
 * A page's `generateMetadata` whose <title> is `<namespace>.metaTitle` in the visitor's
 * language (`export const generateMetadata = pageTitle('orgs');`).
 */
export function pageTitle(namespace: TitledNamespace) {
  return async function generateMetadata(): Promise<Metadata> {
    const t = await getTranslations(namespace);
    return { title: t('metaTitle') };
  };
}
