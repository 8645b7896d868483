import { appendNew, onboardingProgress } from './onboarding-progress';

const rated = (myRating: number | null) => ({ myRating });

describe('onboardingProgress', () => {
  it('counts the ratings from before plus the onboarding movies rated here, towards the goal it is given', () => {
    expect(onboardingProgress(3, [rated(4), rated(null), rated(0.5)], 10)).toEqual({
      rated: 5,
      goal: 10,
      remaining: 5,
      percent: 50,
      done: false,
      label: '5 of 10 rated',
    });
    expect(onboardingProgress(3, [rated(4)], 5).label).toBe('4 of 5 rated');
  });

  it('starts at zero for a new account', () => {
    const progress = onboardingProgress(0, [rated(null), rated(null)], 5);
    expect([progress.rated, progress.remaining, progress.percent, progress.done]).toEqual([0, 5, 0, false]);
    expect(progress.label).toBe('0 of 5 rated');
  });

  it('is done at the goal, and caps the bar at 100 % beyond it', () => {
    const atGoal = onboardingProgress(4, [rated(3)], 5);
    expect([atGoal.done, atGoal.remaining, atGoal.percent, atGoal.label]).toEqual([true, 0, 100, '5 rated']);

    const beyond = onboardingProgress(25, [rated(5)], 5);
    expect([beyond.done, beyond.remaining, beyond.percent, beyond.label]).toEqual([true, 0, 100, '26 rated']);
  });

  it('goes back down when a rating is removed', () => {
    expect(onboardingProgress(4, [rated(null)], 5).done).toBe(false);
  });

  it('only counts while the goal is unknown', () => {
    expect(onboardingProgress(2, [rated(4)], null)).toEqual({
      rated: 3,
      goal: null,
      remaining: null,
      percent: null,
      done: false,
      label: '3 rated',
    });
  });

  it('rounds the bar and ignores a nonsensical negative count', () => {
    expect(onboardingProgress(0, [rated(1)], 3).percent).toBe(33);
    expect(onboardingProgress(-4, [], 5).rated).toBe(0);
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
