import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Subject, combineLatest, map, startWith, switchMap } from 'rxjs';
import { MovieListGQL, type MovieCardFragment, type MovieListQuery, type MovieSort } from '../graphql/catalog.generated';
import { LOADING, type ListState, listState } from '../shared/list-state';
import { MovieShelf } from '../shared/movie-shelf/movie-shelf';

export const SHELF_SIZE = 12;

/** A home-page row of the catalog: the first movies in one order, optionally within one genre. */
@Component({
  selector: 'rr-catalog-shelf',
  imports: [MovieShelf],
  template: `
    <rr-movie-shelf [heading]="heading()" [description]="description()" [state]="state()" [seeAll]="seeAll()" rateable (retry)="retry()">
      <p class="none" shelfEmpty>Nothing here yet.</p>
    </rr-movie-shelf>
  `,
  styles: `
    .none {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CatalogShelf {
  readonly heading = input.required<string>();
  readonly description = input('');
  readonly sort = input.required<MovieSort>();
  readonly genre = input<string | null>(null);

  private readonly movieList = inject(MovieListGQL);
  private readonly reload = new Subject<void>();

  protected readonly seeAll = computed(() => ({
    sort: this.sort() === 'POPULARITY' ? null : this.sort().toLowerCase(),
    genre: this.genre(),
  }));
  protected readonly state = toSignal(
    combineLatest([toObservable(this.sort), toObservable(this.genre), this.reload.pipe(startWith(undefined))]).pipe(
      switchMap(([sort, genre]) =>
        this.movieList.watch({ variables: { sort, first: SHELF_SIZE, filter: genre ? { genres: [genre] } : {} } }).valueChanges.pipe(
          map((result) => listState(result, (data: MovieListQuery) => data.movies)),
          startWith(LOADING),
        ),
      ),
    ),
    { initialValue: LOADING as ListState<MovieCardFragment> },
  );

  protected retry(): void {
    this.reload.next();
  }
}
