import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { StarRating, ratingText } from './star-rating';

@Component({
  imports: [StarRating],
  template: `
    <rr-star-rating [(value)]="value" (valueChange)="changes.push($event)" [disabled]="disabled()" label="Your rating of Heat" showValue />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly value = signal<number | null>(null);
  readonly disabled = signal(false);
  readonly changes: (number | null)[] = [];
}

/** The stars span x = 100..300 px: 40 px per star, 20 px per half. */
const LEFT = 100;
const WIDTH = 200;
const xOf = (value: number) => LEFT + (value / 5) * WIDTH - 5;

describe('StarRating', () => {
  let fixture: ComponentFixture<Host>;
  let host: Host;
  let slider: HTMLElement;

  const stars = () => Array.from(slider.querySelectorAll('.star'));
  /** Visible state of each star: full, half or empty. */
  const shown = () =>
    stars().map((star) => (star.classList.contains('full') ? 'full' : star.classList.contains('half') ? 'half' : 'empty'));
  const number = () => slider.querySelector('[data-testid="rating-number"]')?.textContent?.trim();

  async function key(name: string): Promise<KeyboardEvent> {
    const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true });
    slider.dispatchEvent(event);
    await fixture.whenStable();
    return event;
  }

  async function pointer(type: string, x: number, pointerType = 'mouse', button = 0): Promise<void> {
    const event = new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, button });
    Object.defineProperties(event, {
      pointerType: { value: pointerType },
      pointerId: { value: 1 },
    });
    slider.dispatchEvent(event);
    await fixture.whenStable();
  }

  async function setValue(value: number | null): Promise<void> {
    host.value.set(value);
    await fixture.whenStable();
  }

  beforeEach(async () => {
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    await fixture.whenStable();
    slider = (fixture.nativeElement as HTMLElement).querySelector('rr-star-rating')!;
    const track = slider.querySelector<HTMLElement>('.stars')!;
    track.getBoundingClientRect = () => ({ left: LEFT, width: WIDTH, top: 0, height: 28 }) as DOMRect;
  });

  describe('accessibility', () => {
    it('is a focusable slider from 0 (not rated) to 5 with a name', () => {
      expect(slider.getAttribute('role')).toBe('slider');
      expect(slider.getAttribute('tabindex')).toBe('0');
      expect(slider.getAttribute('aria-label')).toBe('Your rating of Heat');
      expect(slider.getAttribute('aria-valuemin')).toBe('0');
      expect(slider.getAttribute('aria-valuemax')).toBe('5');
    });

    it('reports "not rated" as 0 with a readable text', () => {
      expect(slider.getAttribute('aria-valuenow')).toBe('0');
      expect(slider.getAttribute('aria-valuetext')).toBe('Not rated');
      expect(number()).toBe('Rate');
    });

    it('reports the value and its text', async () => {
      await setValue(3.5);
      expect(slider.getAttribute('aria-valuenow')).toBe('3.5');
      expect(slider.getAttribute('aria-valuetext')).toBe('3.5 stars out of 5');
      expect(number()).toBe('3.5');

      await setValue(1);
      expect(slider.getAttribute('aria-valuetext')).toBe('1 star out of 5');
    });

    it('hides the decorative stars from assistive technology', () => {
      expect(slider.querySelector('.stars')?.getAttribute('aria-hidden')).toBe('true');
    });

    it('is not focusable and says so when disabled', async () => {
      host.disabled.set(true);
      await fixture.whenStable();
      expect(slider.getAttribute('tabindex')).toBe('-1');
      expect(slider.getAttribute('aria-disabled')).toBe('true');
    });

    it('words values for screen readers', () => {
      expect(ratingText(null)).toBe('Not rated');
      expect(ratingText(0.5)).toBe('0.5 stars out of 5');
      expect(ratingText(5)).toBe('5 stars out of 5');
    });
  });

  describe('display', () => {
    it('fills whole and half stars', async () => {
      await setValue(3.5);
      expect(shown()).toEqual(['full', 'full', 'full', 'half', 'empty']);
      await setValue(0.5);
      expect(shown()).toEqual(['half', 'empty', 'empty', 'empty', 'empty']);
      await setValue(5);
      expect(shown()).toEqual(['full', 'full', 'full', 'full', 'full']);
      await setValue(null);
      expect(shown()).toEqual(['empty', 'empty', 'empty', 'empty', 'empty']);
    });
  });

  describe('keyboard', () => {
    it('arrows step by a half star and stay within 0.5–5', async () => {
      expect((await key('ArrowRight')).defaultPrevented).toBe(true);
      expect(host.value()).toBe(0.5);
      await key('ArrowUp');
      expect(host.value()).toBe(1);
      await key('ArrowLeft');
      await key('ArrowDown');
      expect(host.value()).toBe(0.5);
      await key('ArrowLeft');
      expect(host.value()).toBe(0.5);

      await setValue(4.5);
      await key('ArrowRight');
      await key('ArrowRight');
      expect(host.value()).toBe(5);
    });

    it('left arrow does nothing while not rated', async () => {
      await key('ArrowLeft');
      expect(host.value()).toBeNull();
      expect(host.changes).toEqual([]);
    });

    it('Home and End jump to the ends, Page Up/Down step a whole star', async () => {
      await key('End');
      expect(host.value()).toBe(5);
      await key('Home');
      expect(host.value()).toBe(0.5);
      await key('PageUp');
      expect(host.value()).toBe(1.5);
      await key('PageDown');
      await key('PageDown');
      expect(host.value()).toBe(0.5);
    });

    it('Delete and Backspace clear the rating', async () => {
      await setValue(4);
      expect((await key('Delete')).defaultPrevented).toBe(true);
      expect(host.value()).toBeNull();
      expect(slider.getAttribute('aria-valuetext')).toBe('Not rated');

      await setValue(2);
      await key('Backspace');
      expect(host.value()).toBeNull();
    });

    it('leaves other keys alone (Tab keeps moving focus)', async () => {
      const event = await key('Tab');
      expect(event.defaultPrevented).toBe(false);
      expect(host.changes).toEqual([]);
    });

    it('emits a change only when the value changes', async () => {
      await key('End');
      await key('End');
      await key('ArrowRight');
      expect(host.changes).toEqual([5]);
    });

    it('ignores keys while disabled', async () => {
      host.disabled.set(true);
      await fixture.whenStable();
      await key('End');
      expect(host.value()).toBeNull();
    });
  });

  describe('mouse', () => {
    it('previews the hovered value without changing it', async () => {
      await setValue(2);
      await pointer('pointermove', xOf(4));
      expect(shown()).toEqual(['full', 'full', 'full', 'full', 'empty']);
      expect(slider.classList).toContain('previewing');
      expect(number()).toBe('4');
      expect(host.value()).toBe(2);
      expect(slider.getAttribute('aria-valuenow')).toBe('2');

      await pointer('pointerleave', 0);
      expect(shown()).toEqual(['full', 'full', 'empty', 'empty', 'empty']);
      expect(slider.classList).not.toContain('previewing');
    });

    it('clicking the right half of a star picks the whole star', async () => {
      await pointer('pointerdown', xOf(3));
      await pointer('pointerup', xOf(3));
      expect(host.value()).toBe(3);
      expect(host.changes).toEqual([3]);
    });

    it('clicking the left half of a star picks the half star', async () => {
      const leftHalfOfFourth = LEFT + 3 * 40 + 5;
      await pointer('pointerdown', leftHalfOfFourth);
      await pointer('pointerup', leftHalfOfFourth);
      expect(host.value()).toBe(3.5);
      expect(shown()).toEqual(['full', 'full', 'full', 'half', 'empty']);
    });

    it('clamps to 0.5 at the very left edge and 5 past the right edge', async () => {
      await pointer('pointerdown', LEFT - 10);
      await pointer('pointerup', LEFT - 10);
      expect(host.value()).toBe(0.5);
      await pointer('pointerdown', LEFT + WIDTH + 30);
      await pointer('pointerup', LEFT + WIDTH + 30);
      expect(host.value()).toBe(5);
    });

    it('ignores other mouse buttons', async () => {
      await pointer('pointerdown', xOf(3), 'mouse', 2);
      await pointer('pointerup', xOf(3), 'mouse', 2);
      expect(host.value()).toBeNull();
    });

    it('does nothing while disabled', async () => {
      host.disabled.set(true);
      await fixture.whenStable();
      await pointer('pointermove', xOf(4));
      await pointer('pointerdown', xOf(4));
      await pointer('pointerup', xOf(4));
      expect(host.value()).toBeNull();
      expect(slider.classList).not.toContain('previewing');
    });
  });

  describe('touch', () => {
    it('a tap rates without leaving a preview behind', async () => {
      await pointer('pointerdown', xOf(2.5), 'touch');
      await pointer('pointerup', xOf(2.5), 'touch');
      expect(host.value()).toBe(2.5);
      expect(slider.classList).not.toContain('previewing');
    });

    it('dragging along the stars previews, lifting commits', async () => {
      await pointer('pointerdown', xOf(1), 'touch');
      await pointer('pointermove', xOf(3), 'touch');
      expect(shown()).toEqual(['full', 'full', 'full', 'empty', 'empty']);
      expect(host.value()).toBeNull();
      await pointer('pointermove', xOf(4.5), 'touch');
      await pointer('pointerup', xOf(4.5), 'touch');
      expect(host.value()).toBe(4.5);
      expect(host.changes).toEqual([4.5]);
    });

    it('a finger just passing over (no press) does not preview', async () => {
      await pointer('pointermove', xOf(3), 'touch');
      expect(slider.classList).not.toContain('previewing');
    });

    it('a cancelled gesture (the page scrolls) changes nothing', async () => {
      await pointer('pointerdown', xOf(2), 'touch');
      await pointer('pointercancel', xOf(2), 'touch');
      await pointer('pointerup', xOf(4), 'touch');
      expect(host.value()).toBeNull();
      expect(slider.classList).not.toContain('previewing');
    });
  });
});
