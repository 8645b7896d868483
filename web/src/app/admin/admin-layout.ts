import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { ActiveLink } from '../shell/active-link';

/** The admin area's frame: a tab-like section navigation above the page. */
@Component({
  selector: 'rr-admin-layout',
  imports: [RouterLink, ActiveLink, RouterOutlet],
  template: `
    <nav class="sections" aria-label="Admin sections">
      @for (link of links; track link.path) {
        <a class="section" [routerLink]="link.path" [rrActiveLink]="link.path" [rrActiveLinkExact]="link.exact">{{ link.label }}</a>
      }
    </nav>
    <router-outlet />
  `,
  styles: `
    :host {
      display: block;
    }

    .sections {
      display: flex;
      gap: 4px;
      margin: -8px 0 24px;
      overflow-x: auto;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      scrollbar-width: none;
    }

    .section {
      position: relative;
      flex-shrink: 0;
      padding: 12px 16px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-title-small);
      text-decoration: none;

      &:hover {
        color: var(--mat-sys-on-surface);
        background: color-mix(in srgb, var(--mat-sys-on-surface) 6%, transparent);
      }

      &.active {
        color: var(--mat-sys-primary);

        &::after {
          content: '';
          position: absolute;
          inset: auto 8px 0;
          height: 3px;
          border-radius: 3px 3px 0 0;
          background: var(--mat-sys-primary);
        }
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminLayout {
  protected readonly links = [
    { path: '/admin', label: 'Overview', exact: true },
    { path: '/admin/pipelines', label: 'Pipelines', exact: false },
    { path: '/admin/models', label: 'Models', exact: false },
  ];
}
