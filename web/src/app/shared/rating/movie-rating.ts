import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  InjectionToken,
  booleanAttribute,
  inject,
  input,
  linkedSignal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../auth/auth-service';
import { errorMessage } from '../api-error';
import { LazySnackBar } from '../lazy-snack-bar';
import { StarRating, StarRatingSize } from '../star-rating/star-rating';
import { RatingService } from './rating-service';

/** How long keyboard or pointer changes settle before they are saved (one request per burst). */
export const RATING_SAVE_DELAY = new InjectionToken<number>('RATING_SAVE_DELAY', {
  factory: () => 400,
});

/**
 * The signed-in user's rating of one movie, saved as they change it: the stars follow the input at
 * once, the request goes out when they stop, and the cache updates optimistically. A failed save
 * rolls back and says so. Signed-out visitors get a "Log in to rate" link instead.
 */
@Component({
  selector: 'rr-movie-rating',
  imports: [StarRating, RouterLink],
  template: `
    @if (signedIn()) {
      <rr-star-rating
        [value]="draft()"
        (valueChange)="change($event)"
        [label]="'Your rating of ' + title()"
        [size]="size()"
        [showValue]="showValue()"
      />
      @if (clearable() && draft() !== null) {
        <button type="button" class="rr-button rr-button-text clear" (click)="change(null)">
          Clear<span class="visually-hidden"> your rating of {{ title() }}</span>
        </button>
      }
    } @else {
      <a class="rr-button rr-button-outlined log-in" routerLink="/login" [queryParams]="{ returnUrl: router.url }">
        Log in to rate<span class="visually-hidden"> {{ title() }}</span>
      </a>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MovieRating {
  readonly movieId = input.required<number>();
  /** The stored rating (`Movie.myRating`), usually straight from the cache. */
  readonly value = input<number | null>(null);
  /** Movie title, for accessible names and messages. */
  readonly title = input.required<string>();
  readonly size = input<StarRatingSize>('medium');
  readonly showValue = input(false, { transform: booleanAttribute });
  /** Show a "Clear" button while rated (Delete/Backspace clear from the keyboard anyway). */
  readonly clearable = input(false, { transform: booleanAttribute });

  protected readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly ratings = inject(RatingService);
  private readonly snackBar = inject(LazySnackBar);
  private readonly delay = inject(RATING_SAVE_DELAY);

  protected readonly signedIn = this.auth.isSignedIn;
  /** What the stars show: the stored value, or the user's latest unsaved change. */
  protected readonly draft = linkedSignal(() => this.value());
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // Leaving the page does not lose a change that is still waiting for its delay.
    inject(DestroyRef).onDestroy(() => {
      if (this.timer !== undefined) this.flush();
    });
  }

  protected change(rating: number | null): void {
    this.draft.set(rating);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delay);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rating = this.draft();
    if (rating === this.value()) return;
    const movieId = this.movieId();
    this.ratings.set(movieId, rating).catch((error: unknown) => {
      // The cache rolled back; show the stored value again unless the user has moved on.
      if (this.draft() === rating && this.timer === undefined) this.draft.set(this.value());
      this.snackBar
        .open(`Couldn't save your rating of ${this.title()}. ${errorMessage(error)}`, 'OK', { duration: 6000 })
        .catch(() => undefined);
    });
  }
}
