import { ChangeDetectionStrategy, Component, booleanAttribute, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../auth/auth-service';
import type { MovieCardFragment } from '../../graphql/generated';
import { STAR_ICON, SvgIcon } from '../../icon/svg-icon';
import { MoviePoster } from '../movie-poster/movie-poster';
import { MovieRating } from '../rating/movie-rating';
import { FormatNumberPipe } from '../format-number';

/** Why a movie is on a user's list (top picks): the API's reason and the rating predicted for them. */
export interface PickNote {
  /** E.g. "Because you rated Toy Story 5★" or "Popular pick: …". */
  readonly reason: string | null;
  /** 0.5..5; null when the model has none. */
  readonly predictedRating: number | null;
}

/**
 * A movie in a grid or row: poster and title (one link), year, community average, an optional
 * `note` (reason and predicted rating of a pick) and, for signed-in users, a compact rating control
 * when `rateable` and a "Haven't seen it" button (`skip`) when `skippable`. The control (stars,
 * rating service) is a deferred chunk, so that pages of cards cost signed-out visitors nothing for it.
 */
@Component({
  selector: 'rr-movie-card',
  imports: [FormatNumberPipe, RouterLink, SvgIcon, MoviePoster, MovieRating],
  template: `
    @let m = movie();
    <a class="link" [routerLink]="['/movie', m.id]">
      <rr-movie-poster [title]="m.title" [url]="m.details?.posterUrl" [eager]="eager()" />
      <span class="title">{{ m.title }}</span>
    </a>
    <p class="meta">
      @if (m.year) {
        <span>{{ m.year }}</span>
      }
      @if (m.averageRating !== null) {
        <span class="average" [attr.title]="m.ratingCount + ' ratings'">
          <rr-icon [path]="starIcon" />
          <span class="visually-hidden">, average rating</span>
          {{ m.averageRating | rrNumber: '1.1-1' }}
          <span class="count">({{ m.ratingCount | rrNumber }}<span class="visually-hidden"> ratings</span>)</span>
        </span>
      }
    </p>
    @if (note(); as n) {
      @if (n.predictedRating !== null) {
        <p class="predicted" data-testid="predicted-rating">
          <span aria-hidden="true">Predicted {{ n.predictedRating | rrNumber: '1.1-1' }}★</span>
          <span class="visually-hidden">Predicted rating for you: {{ n.predictedRating | rrNumber: '1.1-1' }} out of 5</span>
        </p>
      }
      @if (n.reason) {
        <p class="reason" data-testid="pick-reason">{{ n.reason }}</p>
      }
    }
    @if (showRating()) {
      <!-- Loaded once someone signed in sees a card: signed-out visitors never need the control. -->
      @defer (on immediate) {
        <rr-movie-rating [movieId]="m.id" [value]="m.myRating" [title]="m.title" size="small" />
      } @placeholder {
        <span class="rating-placeholder" aria-hidden="true"></span>
      }
    }
    @if (showSkip()) {
      <button type="button" class="rr-button rr-button-text skip" [attr.data-movie-id]="m.id" (click)="skip.emit()">
        Haven't seen it<span class="visually-hidden">: {{ m.title }}</span>
      </button>
    }
  `,
  styleUrl: './movie-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MovieCard {
  readonly movie = input.required<MovieCardFragment>();
  /** Show the rating control (signed-in users only). */
  readonly rateable = input(false, { transform: booleanAttribute });
  readonly eager = input(false, { transform: booleanAttribute });
  readonly note = input<PickNote | null>(null);
  /** Offer "Haven't seen it" (signed-in users only); the parent saves it on `skip`. */
  readonly skippable = input(false, { transform: booleanAttribute });
  readonly skip = output<void>();

  private readonly auth = inject(AuthService);
  protected readonly showRating = computed(() => this.rateable() && this.auth.isSignedIn());
  protected readonly showSkip = computed(() => this.skippable() && this.auth.isSignedIn());
  protected readonly starIcon = STAR_ICON;
}

/** Placeholder card with the same footprint while a list loads. */
@Component({
  selector: 'rr-movie-card-skeleton',
  template: `
    <span class="bone poster"></span>
    <span class="bone line"></span>
    <span class="bone line short"></span>
  `,
  styleUrl: './movie-card.scss',
  host: { 'aria-hidden': 'true', 'data-testid': 'card-skeleton' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MovieCardSkeleton {}
