import { ONBOARDING_GOAL, appendNew, onboardingProgress } from './onboarding-progress';

const rated = (myRating: number | null) => ({ myRating });

describe('onboardingProgress', () => {
  it('asks for ten ratings', () => {
    expect(ONBOARDING_GOAL).toBe(10);
  });

  it('counts the ratings from before plus the onboarding movies rated here', () => {
    expect(onboardingProgress(3, [rated(4), rated(null), rated(0.5)])).toEqual({
      rated: 5,
      goal: 10,
      remaining: 5,
      percent: 50,
      done: false,
      label: '5 of 10 rated',
    });
  });

  it('starts at zero for a new account', () => {
    const progress = onboardingProgress(0, [rated(null), rated(null)]);
    expect([progress.rated, progress.remaining, progress.percent, progress.done]).toEqual([0, 10, 0, false]);
    expect(progress.label).toBe('0 of 10 rated');
  });

  it('is done at the goal, and caps the bar at 100 % beyond it', () => {
    const atGoal = onboardingProgress(9, [rated(3)]);
    expect([atGoal.done, atGoal.remaining, atGoal.percent, atGoal.label]).toEqual([true, 0, 100, '10 rated']);

    const beyond = onboardingProgress(25, [rated(5)]);
    expect([beyond.done, beyond.remaining, beyond.percent, beyond.label]).toEqual([true, 0, 100, '26 rated']);
  });

  it('goes back down when a rating is removed', () => {
    expect(onboardingProgress(9, [rated(null)]).done).toBe(false);
  });

  it('rounds the bar and ignores a nonsensical negative count', () => {
    expect(onboardingProgress(0, [rated(1)], 3).percent).toBe(33);
    expect(onboardingProgress(-4, []).rated).toBe(0);
  });
});

describe('appendNew', () => {
  it('keeps the current order and appends only unseen movies', () => {
    const a = { id: 1 };
    const b = { id: 2 };
    const c = { id: 3 };
    expect(appendNew([a, b], [b, c, a])).toEqual([a, b, c]);
    expect(appendNew([], [c])).toEqual([c]);
    expect(appendNew([a], [])).toEqual([a]);
  });
});
