import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../empty-state/empty-state';

@Component({
  selector: 'rr-not-found-page',
  imports: [EmptyState, MatButtonModule, RouterLink],
  template: `
    <rr-empty-state icon="movie" eyebrow="404" heading="This scene was cut">
      <p>The page you are looking for does not exist.</p>
      <a mat-flat-button routerLink="/" emptyStateActions>Back to home</a>
    </rr-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
