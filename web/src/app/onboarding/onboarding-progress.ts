export interface OnboardingProgress {
  /** Ratings in all: the ones from before onboarding plus the ones made here. */
  readonly rated: number;
  /** Ratings that make recommendations personal (the API's `recommendationSettings.minRatings`); null when unknown. */
  readonly goal: number | null;
  /** Ratings still missing to reach the goal (0 once reached); null when the goal is unknown. */
  readonly remaining: number | null;
  /** 0..100 for a progress bar; null when the goal is unknown. */
  readonly percent: number | null;
  readonly done: boolean;
  /** "4 of 5 rated", or "12 rated" once the goal is reached (or when it is unknown). */
  readonly label: string;
}

/**
 * Progress towards the goal. `before` is the user's rating count when onboarding started (the
 * onboarding movies leave those out); `movies` are the onboarding movies shown, whose `myRating`
 * follows the cache, so ratings made (or removed) here count at once. `goal` comes from the API
 * (RECOMMENDATIONS_MIN_RATINGS), so the page never promises personal picks the API would not give.
 */
export function onboardingProgress(
  before: number,
  movies: readonly { readonly myRating: number | null }[],
  goal: number | null,
): OnboardingProgress {
  const rated = Math.max(0, before) + movies.filter((movie) => movie.myRating !== null).length;
  if (goal === null) return { rated, goal, remaining: null, percent: null, done: false, label: `${rated} rated` };
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
