import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Data credits required by the MovieLens and TMDB terms. */
@Component({
  selector: 'rr-site-footer',
  templateUrl: './site-footer.html',
  styleUrl: './site-footer.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SiteFooter {}
