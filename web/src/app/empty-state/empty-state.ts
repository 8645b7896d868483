import { ChangeDetectionStrategy, Component, booleanAttribute, input } from '@angular/core';
import { Icon, IconName } from '../icon/icon';

let nextId = 0;

/**
 * Friendly placeholder for pages or sections without content: icon, eyebrow, heading, and
 * projected description and actions. Pages use the default `<h1>`; sections pass `level` 2 or 3
 * and `compact`.
 */
@Component({
  selector: 'rr-empty-state',
  imports: [Icon],
  templateUrl: './empty-state.html',
  styleUrl: './empty-state.scss',
  host: { '[class.compact]': 'compact()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly icon = input.required<IconName>();
  readonly eyebrow = input('');
  readonly heading = input.required<string>();
  readonly level = input<1 | 2 | 3>(1);
  readonly compact = input(false, { transform: booleanAttribute });

  protected readonly headingId = `empty-heading-${nextId++}`;
}
