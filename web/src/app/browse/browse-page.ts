import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../empty-state/empty-state';

/** Placeholder until the browse feature lands. */
@Component({
  selector: 'rr-browse-page',
  imports: [EmptyState, MatButtonModule, RouterLink],
  template: `
    <rr-empty-state icon="explore" eyebrow="Coming soon" heading="Browse movies">
      <p>Search and filter the whole MovieLens catalogue, with posters and details from TMDB.</p>
      <a mat-stroked-button routerLink="/" emptyStateActions>Back to home</a>
    </rr-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrowsePage {}
