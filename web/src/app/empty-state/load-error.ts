import { ChangeDetectionStrategy, Component, booleanAttribute, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Icon } from '../icon/icon';
import { EmptyState } from './empty-state';

/** The "Couldn't load …" state of a page or section: what failed, why, and a Retry button. */
@Component({
  selector: 'rr-load-error',
  imports: [MatButtonModule, EmptyState, Icon],
  template: `
    <rr-empty-state icon="cloud-off" [heading]="heading()" [level]="level()" [compact]="compact()">
      <p>{{ message() }}</p>
      <button mat-flat-button type="button" (click)="retry.emit()" emptyStateActions>
        <rr-icon name="refresh" matButtonIcon />
        Retry
      </button>
    </rr-empty-state>
  `,
  host: { 'data-testid': 'error-state' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadError {
  readonly heading = input.required<string>();
  readonly message = input.required<string>();
  readonly level = input<1 | 2 | 3>(1);
  readonly compact = input(false, { transform: booleanAttribute });
  readonly retry = output();
}
