import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ActiveLink } from '../shell/active-link';

/** The two lists of My ratings: rated movies (`/ratings`) and the ones marked "Haven't seen it" (`/ratings/skipped`). */
@Component({
  selector: 'rr-ratings-tabs',
  imports: [RouterLink, ActiveLink],
  template: `
    <nav class="tabs" aria-label="My ratings lists">
      <a class="tab" routerLink="/ratings" rrActiveLink="/ratings" rrActiveLinkExact>Rated</a>
      <a class="tab" routerLink="/ratings/skipped" rrActiveLink="/ratings/skipped">Haven't seen</a>
    </nav>
  `,
  styles: `
    .tabs {
      display: flex;
      gap: 4px;
      margin-bottom: 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }

    .tab {
      display: inline-flex;
      align-items: center;
      min-height: 48px;
      padding: 0 16px;
      border-bottom: 3px solid transparent;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-title-small);
      text-decoration: none;

      &:hover {
        color: var(--mat-sys-on-surface);
        background: color-mix(in srgb, var(--mat-sys-on-surface) 8%, transparent);
      }

      &.active {
        border-bottom-color: var(--mat-sys-primary);
        color: var(--mat-sys-primary);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatingsTabs {}
