import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Icon, type IconName } from '../icon/icon';

/** `/admin`: what the admin area offers, with a way into each section. */
@Component({
  selector: 'rr-admin-page',
  imports: [MatButtonModule, RouterLink, Icon],
  template: `
    <h1 tabindex="-1">Admin</h1>
    <p class="lead">Run data imports and model training, watch the pipelines as they go, and choose the model that serves.</p>
    <ul class="cards" role="list">
      @for (card of cards; track card.path) {
        <li class="card">
          <rr-icon [name]="card.icon" class="icon" />
          <h2>{{ card.title }}</h2>
          <p>{{ card.text }}</p>
          <a mat-flat-button [routerLink]="card.path">{{ card.action }}</a>
        </li>
      }
    </ul>
  `,
  styles: `
    h1 {
      margin: 0 0 4px;
      font: var(--mat-sys-headline-medium);

      &:focus {
        outline: none;
      }
    }

    .lead {
      max-width: 60ch;
      margin: 0 0 24px;
      color: var(--mat-sys-on-surface-variant);
    }

    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
      gap: 16px;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .card {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 8px;
      padding: 20px;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);

      h2 {
        margin: 0;
        font: var(--mat-sys-title-large);
      }

      p {
        flex: 1;
        margin: 0 0 8px;
        color: var(--mat-sys-on-surface-variant);
      }
    }

    .icon {
      width: 32px;
      height: 32px;
      color: var(--mat-sys-tertiary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminPage {
  protected readonly cards: readonly { path: string; icon: IconName; title: string; text: string; action: string }[] = [
    {
      path: '/admin/pipelines',
      icon: 'tune',
      title: 'Pipelines',
      text: 'Start MovieLens imports, TMDB enrichment, the full pipeline or a retrain; follow their progress and cancel runs.',
      action: 'Open pipelines',
    },
    {
      path: '/admin/models',
      icon: 'star',
      title: 'Models',
      text: 'Compare trained model versions against the popularity baseline, inspect their evaluation, promote or roll back.',
      action: 'Open models',
    },
  ];
}
