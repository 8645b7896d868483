import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { Icon } from '../icon/icon';
import { ThemeService } from '../theme/theme-service';

interface NavLink {
  readonly path: string;
  readonly label: string;
}

/** Top app bar: brand, main navigation and the theme toggle. */
@Component({
  selector: 'rr-top-bar',
  imports: [RouterLink, RouterLinkActive, MatButtonModule, Icon],
  templateUrl: './top-bar.html',
  styleUrl: './top-bar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopBar {
  private readonly theme = inject(ThemeService);

  protected readonly links: readonly NavLink[] = [
    { path: '/', label: 'Home' },
    { path: '/browse', label: 'Browse' },
    { path: '/ratings', label: 'My ratings' },
    { path: '/admin', label: 'Admin' },
  ];

  protected readonly isDark = computed(() => this.theme.scheme() === 'dark');

  protected toggleTheme(): void {
    this.theme.toggle();
  }
}
