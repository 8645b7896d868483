import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Subject, map, of, startWith, switchMap } from 'rxjs';
import { EmptyState } from '../empty-state/empty-state';
import { LoadError } from '../empty-state/load-error';
import { MovieDetailGQL, type MovieDetailQuery } from '../graphql/generated';
import { Icon } from '../icon/icon';
import { errorMessage } from '../shared/api-error';
import { MoviePoster, placeholderBackground } from '../shared/movie-poster/movie-poster';
import { MovieRating } from '../shared/rating/movie-rating';
import { SimilarMovies } from './similar-movies';
import { FormatNumberPipe } from '../shared/format-number';

type Movie = NonNullable<MovieDetailQuery['movie']>;

type MovieState =
  | { readonly status: 'loading' }
  | { readonly status: 'not-found' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly movie: Movie };

/** A MovieLens id from the URL: a positive 32-bit integer, else null (not found without asking). */
export function parseMovieId(raw: string | null): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= 2 ** 31 - 1 ? id : null;
}

/** "2 h 13 min", "58 min". */
export function formatRuntime(minutes: number | null | undefined): string | null {
  if (!minutes || minutes <= 0) return null;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours ? `${hours} h${rest ? ` ${rest} min` : ''}` : `${rest} min`;
}

@Component({
  selector: 'rr-movie-page',
  imports: [FormatNumberPipe, MatButtonModule, RouterLink, EmptyState, LoadError, Icon, MoviePoster, MovieRating, SimilarMovies],
  templateUrl: './movie-page.html',
  styleUrl: './movie-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MoviePage {
  private readonly movieDetail = inject(MovieDetailGQL);
  private readonly reload = new Subject<void>();

  protected readonly state = toSignal(
    inject(ActivatedRoute).paramMap.pipe(
      map((params) => parseMovieId(params.get('id'))),
      switchMap((id) =>
        id === null
          ? of<MovieState>({ status: 'not-found' })
          : this.reload.pipe(
              startWith(undefined),
              switchMap(() => this.movieDetail.watch({ variables: { id } }).valueChanges),
              map((result): MovieState => {
                if (result.dataState === 'complete') {
                  const movie = result.data.movie;
                  return movie ? { status: 'ready', movie } : { status: 'not-found' };
                }
                return result.error ? { status: 'error', message: errorMessage(result.error) } : { status: 'loading' };
              }),
              startWith<MovieState>({ status: 'loading' }),
            ),
      ),
    ),
    { initialValue: { status: 'loading' } as MovieState },
  );

  protected readonly movie = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.movie : null;
  });
  /** "1999 · 2 h 16 min" */
  protected readonly facts = computed(() => {
    const movie = this.movie();
    return [movie?.year, formatRuntime(movie?.details?.runtime)].filter(Boolean).join(' · ');
  });
  /** The backdrop image failed to load (reset for each movie). */
  protected readonly backdropFailed = linkedSignal({ source: this.movie, computation: () => false });
  protected readonly backdropUrl = computed(() => (this.backdropFailed() ? null : (this.movie()?.details?.backdropUrl ?? null)));
  /** Without a backdrop image: the title's placeholder gradient. */
  protected readonly backdrop = computed(() => {
    const movie = this.movie();
    return movie && !this.backdropUrl() ? placeholderBackground(movie.title) : null;
  });

  constructor() {
    const title = inject(Title);
    effect(() => {
      const state = this.state();
      if (state.status === 'ready') {
        const { title: name, year } = state.movie;
        title.setTitle(`${name}${year ? ` (${year})` : ''} · Reelrank`);
      } else if (state.status === 'not-found') {
        title.setTitle('Movie not found · Reelrank');
      }
    });
  }

  protected retry(): void {
    this.reload.next();
  }
}
