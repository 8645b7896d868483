import { expect, type Page } from '@playwright/test';
import { settle } from './fixtures';

/**
 * Tabs through the page and checks that every visible control in the tab order (tabIndex >= 0,
 * not disabled) received focus. Composite widgets with a roving tabindex (the genre chips) count
 * as one stop, as the ARIA patterns intend; their items are reached with the arrow keys. Lists
 * that grow while tabbing (infinite scroll) make the walk longer, so it goes on until every
 * control was reached or `maxPresses`.
 */
export async function expectAllReachableByTab(page: Page, what: string, maxPresses = 800): Promise<void> {
  await settle(page);
  const total = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, [tabindex], [contenteditable="true"]';
    let n = 0;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const disabled = (element as HTMLButtonElement).disabled || element.getAttribute('aria-disabled') === 'true';
      if (element.tabIndex < 0 || disabled || !element.checkVisibility({ visibilityProperty: true })) continue;
      if (element.closest('[inert]')) continue;
      element.dataset['tabTarget'] = String(n++);
    }
    const reached = new Set<string>();
    (window as unknown as { tabReached: Set<string> }).tabReached = reached;
    document.addEventListener('focusin', (event) => {
      const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-tab-target]');
      if (target) reached.add(target.dataset['tabTarget']!);
    });
    // Start from the top of the document.
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return n;
  });
  expect(total, `${what}: interactive controls found`).toBeGreaterThan(3);
  const reachedCount = () => page.evaluate(() => (window as unknown as { tabReached: Set<string> }).tabReached.size);
  for (let pressed = 0; pressed < maxPresses; pressed += 10) {
    for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
    if ((await reachedCount()) >= total) break;
  }
  const missed = await page.evaluate(() => {
    const reached = (window as unknown as { tabReached: Set<string> }).tabReached;
    return Array.from(document.querySelectorAll<HTMLElement>('[data-tab-target]'))
      .filter((element) => !reached.has(element.dataset['tabTarget']!))
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`,
      );
  });
  expect(missed, `${what}: controls never reached with Tab`).toEqual([]);
}
