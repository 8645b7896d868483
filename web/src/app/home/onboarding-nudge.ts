import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { MyRatingCountGQL } from '../graphql/generated';
import { RatingService } from '../shared/rating/rating-service';

/**
 * Home-page invitation to onboarding for signed-in users with fewer ratings than personal picks
 * need (the API's `recommendationSettings.minRatings`). Shows nothing while the count loads or when
 * it cannot be read: it is only a nudge.
 */
@Component({
  selector: 'rr-onboarding-nudge',
  imports: [RouterLink],
  template: `
    @if (remaining(); as remaining) {
      <section class="nudge" aria-labelledby="nudge-title" data-testid="onboarding-nudge">
        <div>
          <h2 id="nudge-title">
            @if (count() === 0) {
              Get personal picks in a minute
            } @else {
              Rate {{ remaining }} more {{ remaining === 1 ? 'movie' : 'movies' }} for personal picks
            }
          </h2>
          <p>
            @if (count() === 0) {
              Rate {{ goal() }} movies you've seen and Reelrank works out what you like.
            } @else {
              You've rated {{ count() }} of {{ goal() }}. A few more and the picks below become yours.
            }
          </p>
        </div>
        <a class="rr-button rr-button-filled" routerLink="/onboarding">{{ count() === 0 ? 'Start rating' : 'Continue rating' }}</a>
      </section>
    }
  `,
  styles: `
    // Hidden, it must not leave a gap in the home page's grid.
    :host {
      display: contents;
    }

    .nudge {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 12px 24px;
      padding: 20px 24px;
      border-radius: var(--mat-sys-corner-extra-large);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);

      h2 {
        margin: 0 0 4px;
        font: var(--mat-sys-title-large);
      }

      p {
        max-width: 60ch;
        margin: 0;
        font: var(--mat-sys-body-medium);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OnboardingNudge {
  private readonly countGql = inject(MyRatingCountGQL);
  /** The user's rating count and the ratings personal picks need; null while loading or unknown. */
  private readonly status = toSignal(
    inject(RatingService)
      .afterSaves(() => this.countGql.fetch({ fetchPolicy: 'network-only' }))
      .pipe(
        map(({ data }) => (data ? { count: data.myRatings.totalCount, goal: data.recommendationSettings.minRatings } : null)),
        catchError(() => of(null)),
      ),
    { initialValue: null },
  );
  protected readonly count = computed(() => this.status()?.count ?? null);
  protected readonly goal = computed(() => this.status()?.goal ?? null);
  /** Ratings still missing; 0 (nothing shown) once the goal is reached or while unknown. */
  protected readonly remaining = computed(() => {
    const status = this.status();
    return status === null ? 0 : Math.max(0, status.goal - status.count);
  });
}
