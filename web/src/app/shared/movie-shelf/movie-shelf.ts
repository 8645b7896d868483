import { ChangeDetectionStrategy, Component, booleanAttribute, input, output } from '@angular/core';
import { Params, RouterLink } from '@angular/router';
import type { MovieCardFragment } from '../../graphql/generated';
import { CLOUD_OFF_ICON, REFRESH_ICON, SvgIcon } from '../../icon/svg-icon';
import type { ListState } from '../list-state';
import { MovieCard, MovieCardSkeleton, type PickNote } from '../movie-card/movie-card';

let nextId = 0;

/**
 * A titled, horizontally scrolling row of movie cards with loading, error (and retry) and empty
 * states. It only presents a `ListState`; the parent runs the query (and saves a `skip`). Content
 * marked `shelfEmpty` is shown when the list is empty; `notes` are shown on the cards of their movies.
 */
@Component({
  selector: 'rr-movie-shelf',
  imports: [RouterLink, SvgIcon, MovieCard, MovieCardSkeleton],
  templateUrl: './movie-shelf.html',
  styleUrl: './movie-shelf.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MovieShelf {
  readonly heading = input.required<string>();
  readonly description = input('');
  readonly state = input.required<ListState<MovieCardFragment>>();
  /** "See all" goes to the browse page with these query params. */
  readonly seeAll = input<Params | null>(null);
  readonly rateable = input(false, { transform: booleanAttribute });
  /** Cards offer "Haven't seen it", emitted as `skip`. */
  readonly skippable = input(false, { transform: booleanAttribute });
  /** Notes by movie id (top picks: reason and predicted rating). */
  readonly notes = input<ReadonlyMap<number, PickNote> | null>(null);
  readonly retry = output<void>();
  readonly skip = output<MovieCardFragment>();

  protected readonly headingId = `shelf-${nextId++}`;
  protected readonly skeletons = [0, 1, 2, 3, 4, 5];
  protected readonly icons = { cloudOff: CLOUD_OFF_ICON, refresh: REFRESH_ICON };
}
