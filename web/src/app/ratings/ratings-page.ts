import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../empty-state/empty-state';

/** Placeholder until the ratings feature lands. */
@Component({
  selector: 'rr-ratings-page',
  imports: [EmptyState, MatButtonModule, RouterLink],
  template: `
    <rr-empty-state icon="star" eyebrow="Coming soon" heading="My ratings">
      <p>Rate the movies you have seen and Reelrank will learn what you like.</p>
      <a mat-stroked-button routerLink="/" emptyStateActions>Back to home</a>
    </rr-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatingsPage {}
