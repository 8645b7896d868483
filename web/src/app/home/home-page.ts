import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth-service';
import { CatalogShelf } from './catalog-shelf';
import { HealthCard } from './health-card';
import { OnboardingNudge } from './onboarding-nudge';
import { TopPicks } from './top-picks';

/** A few MovieLens genres with a row each. */
export const HOME_GENRES = ['Sci-Fi', 'Comedy', 'Animation'] as const;

@Component({
  selector: 'rr-home-page',
  imports: [RouterLink, CatalogShelf, HealthCard, OnboardingNudge, TopPicks],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  protected readonly auth = inject(AuthService);
  protected readonly genres = HOME_GENRES;
}
