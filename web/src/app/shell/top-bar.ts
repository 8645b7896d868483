import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth-service';
import { ACCOUNT_ICON, DARK_MODE_ICON, LIGHT_MODE_ICON, LOGOUT_ICON, MOVIE_ICON, SvgIcon } from '../icon/svg-icon';
import { ThemeService } from '../theme/theme-service';
import { ActiveLink } from './active-link';

interface NavLink {
  readonly path: string;
  readonly label: string;
}

/**
 * Top app bar: brand, main navigation, account actions and the theme toggle.
 *
 * Plain links and buttons styled with the M3 tokens (the global `.rr-button` classes), not Material
 * buttons: the shell is in the initial bundle, and Material there would drag its shared code (and
 * everything lazy pages use of those files) into it.
 */
@Component({
  selector: 'rr-top-bar',
  imports: [RouterLink, ActiveLink, SvgIcon],
  templateUrl: './top-bar.html',
  styleUrl: './top-bar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopBar {
  private readonly theme = inject(ThemeService);
  private readonly auth = inject(AuthService);

  protected readonly user = this.auth.user;
  protected readonly icons = {
    movie: MOVIE_ICON,
    account: ACCOUNT_ICON,
    logout: LOGOUT_ICON,
    lightMode: LIGHT_MODE_ICON,
    darkMode: DARK_MODE_ICON,
  };

  /** "My ratings" needs an account; "Admin" only shows to admins (role from `me`). */
  protected readonly links = computed<readonly NavLink[]>(() => [
    { path: '/', label: 'Home' },
    { path: '/browse', label: 'Browse' },
    ...(this.auth.isSignedIn() ? [{ path: '/ratings', label: 'My ratings' }] : []),
    ...(this.auth.isAdmin() ? [{ path: '/admin', label: 'Admin' }] : []),
  ]);

  protected readonly isDark = computed(() => this.theme.scheme() === 'dark');

  protected toggleTheme(): void {
    this.theme.toggle();
  }

  protected logOut(): void {
    this.auth.logOut();
  }
}
