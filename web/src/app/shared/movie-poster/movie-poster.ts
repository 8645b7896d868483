import { ChangeDetectionStrategy, Component, booleanAttribute, computed, input, linkedSignal } from '@angular/core';

export type PosterSize = 'card' | 'page';

/** FNV-1a: a small, stable hash so a title always gets the same placeholder. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const ARTICLES = new Set(['the', 'a', 'an', 'le', 'la', 'les', 'el', 'der', 'die', 'das']);

/** Up to two initials, skipping a leading article: "The Dark Knight" → "DK", "Heat" → "H". */
export function titleInitials(title: string): string {
  const words = title
    .replace(/\([^)]*\)/g, ' ')
    .replace(/,\s*(the|a|an)\s*$/i, '')
    .split(/[\s:–—-]+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter(Boolean);
  const meaningful = words.length > 1 && ARTICLES.has(words[0].toLowerCase()) ? words.slice(1) : words;
  return meaningful
    .slice(0, 2)
    .map((word) => [...word][0].toUpperCase())
    .join('');
}

/** A gradient from the title's hash: two related hues, dark enough for light text in both themes. */
export function placeholderBackground(title: string): string {
  const hash = hashString(title);
  const hue = hash % 360;
  const hue2 = (hue + 30 + ((hash >>> 9) % 60)) % 360;
  const angle = 120 + ((hash >>> 17) % 100);
  return (
    `radial-gradient(120% 80% at 20% 0%, hsl(${hue} 60% 48% / 0.55), transparent 70%), ` +
    `linear-gradient(${angle}deg, hsl(${hue} 45% 30%), hsl(${hue2} 55% 14%))`
  );
}

/** Cards show TMDB's w342 rendition; the API hands out w500 URLs. */
export function posterSource(url: string, size: PosterSize): string {
  return size === 'card' ? url.replace('/t/p/w500/', '/t/p/w342/') : url;
}

/**
 * A movie poster in a 2:3 frame: the TMDB image when there is one (and it loads), otherwise a
 * placeholder drawn from the title (gradient and initials, no network).
 */
@Component({
  selector: 'rr-movie-poster',
  template: `
    @if (source(); as src) {
      <img
        [src]="src"
        [alt]="alt()"
        [attr.loading]="eager() ? null : 'lazy'"
        decoding="async"
        width="342"
        height="513"
        (error)="failed.set(true)"
      />
    } @else {
      <span class="initials" aria-hidden="true">{{ initials() }}</span>
      @if (alt()) {
        <span class="visually-hidden">{{ alt() }}</span>
      }
    }
  `,
  styleUrl: './movie-poster.scss',
  host: {
    '[class.placeholder]': '!source()',
    '[class.page]': 'size() === "page"',
    '[style.background]': 'source() ? null : background()',
    '[attr.data-testid]': 'source() ? "poster-image" : "poster-placeholder"',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MoviePoster {
  readonly title = input.required<string>();
  readonly url = input<string | null | undefined>(null);
  readonly size = input<PosterSize>('card');
  /** Empty (decorative) when the title is shown next to the poster. */
  readonly alt = input('');
  /** Load at once (above the fold) instead of lazily. */
  readonly eager = input(false, { transform: booleanAttribute });

  /** The image failed to load; reset when the URL changes. */
  protected readonly failed = linkedSignal({ source: this.url, computation: () => false });
  protected readonly source = computed(() => {
    const url = this.url();
    return url && !this.failed() ? posterSource(url, this.size()) : null;
  });
  protected readonly initials = computed(() => titleInitials(this.title()));
  protected readonly background = computed(() => placeholderBackground(this.title()));
}
