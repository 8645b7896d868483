import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { SiteFooter } from './shell/site-footer';
import { TopBar } from './shell/top-bar';

@Component({
  selector: 'rr-root',
  imports: [RouterOutlet, TopBar, SiteFooter],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  /** Focuses <main> directly: a bare `#main` href would resolve against <base href> and navigate. */
  protected skipToContent(event: Event, main: HTMLElement): void {
    event.preventDefault();
    main.focus();
  }
}
