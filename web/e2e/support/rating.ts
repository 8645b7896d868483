import type { Locator } from '@playwright/test';

/**
 * Clicks a half-star rating control (`role="slider"`) so that its value becomes `value`: the left
 * half of star n is n - 0.5, the right half n.
 */
export async function clickStars(stars: Locator, value: number): Promise<void> {
  await stars.scrollIntoViewIfNeeded();
  const box = await stars.locator('.stars').boundingBox();
  if (!box) throw new Error('The rating control has no box (hidden?)');
  const x = box.x + (box.width / 5) * (value - 0.25);
  await stars.page().mouse.click(x, box.y + box.height / 2);
}
