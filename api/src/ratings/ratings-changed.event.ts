import { OnEvent, type EventEmitter2 } from '@nestjs/event-emitter';

/**
 * What changed in a user's feedback on a movie: their rating was created or changed (`rated`, which also
 * removes a skip of the movie) or removed (`removed`), or the movie was marked "Haven't seen it" (`skipped`)
 * or unmarked (`unskipped`, SkipsService).
 */
export type FeedbackChange = 'rated' | 'removed' | 'skipped' | 'unskipped';

/** A user's rating or skip of a movie changed, told after COMMIT by RatingsService and SkipsService. */
export class RatingsChangedEvent {
  static readonly eventName = 'ratings.changed';

  constructor(
    readonly userId: number,
    readonly movieId: number,
    readonly change: FeedbackChange,
  ) {}
}

/**
 * Tells the listeners, which run synchronously at once (e.g. dropping per-user caches before the write's
 * mutation returns); resolves when they have, and rejects with a listener's error, failing that mutation.
 */
export async function emitRatingsChanged(events: EventEmitter2, event: RatingsChangedEvent): Promise<void> {
  await events.emitAsync(RatingsChangedEvent.eventName, event);
}

/** Marks a method as a RatingsChangedEvent listener; its errors reach the write that emitted the event. */
export const OnRatingsChanged = () => OnEvent(RatingsChangedEvent.eventName, { suppressErrors: false });
