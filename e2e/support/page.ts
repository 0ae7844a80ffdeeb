import type { Locator, Page } from '@playwright/test';

/** How wide the page's content is: more than the viewport means a sideways scroll on a phone. */
export const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity);

/** Picks the option of an antd select whose label contains `text`. */
export async function choose(combobox: Locator, text: string) {
  await combobox.click();
  await combobox.fill(text);
  await combobox.press('Enter');
}
