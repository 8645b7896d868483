/** Ratings a new user is asked for before personal picks are worth showing. */
export const ONBOARDING_GOAL = 10;

export interface OnboardingProgress {
  /** Ratings in all: the ones from before onboarding plus the ones made here. */
  readonly rated: number;
  readonly goal: number;
  /** Ratings still missing to reach the goal (0 once reached). */
  readonly remaining: number;
  /** 0..100 for a progress bar. */
  readonly percent: number;
  readonly done: boolean;
  /** "4 of 10 rated", or "12 rated" once the goal is reached. */
  readonly label: string;
}

/**
 * Progress towards the goal. `before` is the user's rating count when onboarding started (the
 * onboarding movies leave those out); `movies` are the onboarding movies shown, whose `myRating`
 * follows the cache, so ratings made (or removed) here count at once.
 */
export function onboardingProgress(
  before: number,
  movies: readonly { readonly myRating: number | null }[],
  goal = ONBOARDING_GOAL,
): OnboardingProgress {
  const rated = Math.max(0, before) + movies.filter((movie) => movie.myRating !== null).length;
  const done = rated >= goal;
  return {
    rated,
    goal,
    remaining: Math.max(0, goal - rated),
    percent: Math.min(100, Math.round((rated / goal) * 100)),
    done,
    label: done ? `${rated} rated` : `${rated} of ${goal} rated`,
  };
}

/** Appends the movies of `next` that `current` does not have yet (a larger `first` repeats them). */
export function appendNew<T extends { readonly id: number }>(current: readonly T[], next: readonly T[]): T[] {
  const seen = new Set(current.map((movie) => movie.id));
  return [...current, ...next.filter((movie) => !seen.has(movie.id))];
}
