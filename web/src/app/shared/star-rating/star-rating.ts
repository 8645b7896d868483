import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  booleanAttribute,
  computed,
  inject,
  input,
  model,
  signal,
  viewChild,
} from '@angular/core';

export const MIN_RATING = 0.5;
export const MAX_RATING = 5;
const STEP = 0.5;

export type StarRatingSize = 'small' | 'medium' | 'large';

const clamp = (value: number) => Math.min(MAX_RATING, Math.max(MIN_RATING, value));

/** "Not rated", "1 star out of 5", "3.5 stars out of 5". */
export function ratingText(value: number | null): string {
  if (value === null) return 'Not rated';
  return `${value} ${value === 1 ? 'star' : 'stars'} out of 5`;
}

/**
 * Half-star rating input: 0.5 to 5 in half steps, or null (not rated).
 *
 * - Mouse: hovering previews, clicking the left or right half of a star picks x.5 or x.
 * - Touch and pen: tap, or drag along the stars and lift.
 * - Keyboard (it is a `role="slider"`): arrows ±0.5, Page Up/Down ±1, Home 0.5, End 5,
 *   Delete/Backspace clear. `aria-valuenow` is 0 while not rated.
 *
 * Presentational: `value` is a two-way `model`; the parent saves changes (see MovieRating).
 */
@Component({
  selector: 'rr-star-rating',
  templateUrl: './star-rating.html',
  styleUrl: './star-rating.scss',
  host: {
    role: 'slider',
    '[attr.tabindex]': 'disabled() ? -1 : 0',
    '[attr.aria-label]': 'label()',
    'aria-valuemin': '0',
    'aria-valuemax': '5',
    '[attr.aria-valuenow]': 'value() ?? 0',
    '[attr.aria-valuetext]': 'valueText()',
    '[attr.aria-disabled]': 'disabled() || null',
    '[class]': '"size-" + size()',
    '[class.previewing]': 'preview() !== null',
    '[class.disabled]': 'disabled()',
    '(keydown)': 'onKeydown($event)',
    '(pointerdown)': 'onPointerDown($event)',
    '(pointermove)': 'onPointerMove($event)',
    '(pointerup)': 'onPointerUp($event)',
    '(pointerleave)': 'onPointerLeave()',
    '(pointercancel)': 'onPointerCancel()',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StarRating {
  /** The rating, 0.5–5, or null when not rated. Two-way bindable: `[(value)]`. */
  readonly value = model<number | null>(null);
  /** Accessible name, e.g. "Your rating of Heat (1995)". */
  readonly label = input('Your rating');
  readonly size = input<StarRatingSize>('medium');
  readonly disabled = input(false, { transform: booleanAttribute });
  /** Show the number (or "Rate") next to the stars. */
  readonly showValue = input(false, { transform: booleanAttribute });

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly track = viewChild.required<ElementRef<HTMLElement>>('track');
  private dragging = false;

  protected readonly stars = [1, 2, 3, 4, 5] as const;
  /** Value under the pointer while hovering or dragging. */
  protected readonly preview = signal<number | null>(null);
  protected readonly shown = computed(() => this.preview() ?? this.value() ?? 0);
  protected readonly valueText = computed(() => ratingText(this.value()));

  protected onKeydown(event: KeyboardEvent): void {
    if (this.disabled()) return;
    const value = this.value();
    let next: number | null | undefined;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowUp':
        next = clamp((value ?? 0) + STEP);
        break;
      case 'ArrowLeft':
      case 'ArrowDown':
        next = value === null ? null : clamp(value - STEP);
        break;
      case 'PageUp':
        next = clamp((value ?? 0) + 1);
        break;
      case 'PageDown':
        next = value === null ? null : clamp(value - 1);
        break;
      case 'Home':
        next = MIN_RATING;
        break;
      case 'End':
        next = MAX_RATING;
        break;
      case 'Delete':
      case 'Backspace':
        next = null;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.preview.set(null);
    this.commit(next);
  }

  protected onPointerDown(event: PointerEvent): void {
    if (this.disabled() || event.button !== 0) return;
    this.dragging = true;
    try {
      this.host.setPointerCapture?.(event.pointerId);
    } catch {
      // Synthetic events have no active pointer to capture.
    }
    this.preview.set(this.valueAt(event.clientX));
  }

  protected onPointerMove(event: PointerEvent): void {
    if (this.disabled()) return;
    if (this.dragging || event.pointerType === 'mouse') this.preview.set(this.valueAt(event.clientX));
  }

  protected onPointerUp(event: PointerEvent): void {
    if (!this.dragging) return;
    this.dragging = false;
    // A mouse keeps hovering (and previewing); a finger or pen has left.
    if (event.pointerType !== 'mouse') this.preview.set(null);
    this.commit(this.valueAt(event.clientX));
  }

  protected onPointerLeave(): void {
    if (!this.dragging) this.preview.set(null);
  }

  protected onPointerCancel(): void {
    // The browser took over (e.g. the page scrolls): forget the gesture.
    this.dragging = false;
    this.preview.set(null);
  }

  /** The half-star step under `clientX`: left half of star n gives n − 0.5, right half n. */
  private valueAt(clientX: number): number {
    const { left, width } = this.track().nativeElement.getBoundingClientRect();
    if (width <= 0) return MIN_RATING;
    const stars = ((clientX - left) / width) * MAX_RATING;
    return clamp(Math.ceil(stars / STEP) * STEP);
  }

  private commit(next: number | null): void {
    if (next !== this.value()) this.value.set(next);
  }
}
