import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Icon, IconName } from '../icon/icon';

/**
 * Friendly placeholder for pages without content yet: icon, eyebrow, heading, and projected
 * description and actions.
 */
@Component({
  selector: 'rr-empty-state',
  imports: [Icon],
  templateUrl: './empty-state.html',
  styleUrl: './empty-state.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly icon = input.required<IconName>();
  readonly eyebrow = input('');
  readonly heading = input.required<string>();
}
