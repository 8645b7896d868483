import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../empty-state/empty-state';

/** Placeholder until the admin feature lands. */
@Component({
  selector: 'rr-admin-page',
  imports: [EmptyState, MatButtonModule, RouterLink],
  template: `
    <rr-empty-state icon="tune" eyebrow="Coming soon" heading="Admin">
      <p>Run data imports and model training, and watch the pipelines as they go.</p>
      <a mat-stroked-button routerLink="/" emptyStateActions>Back to home</a>
    </rr-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminPage {}
