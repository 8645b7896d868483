import { datasetVersionProblem, importMovieLensWorkflowId, movieLensManifestKey, movieLensRawKey } from './movielens';

describe('MovieLens import contracts', () => {
  it('derives keys and the workflow id from the dataset version', () => {
    expect(movieLensRawKey('ml-latest-small', 'ratings')).toBe('movielens/raw/ml-latest-small/ratings.csv');
    expect(movieLensManifestKey('ml-25m')).toBe('movielens/raw/ml-25m/manifest.json');
    expect(importMovieLensWorkflowId('ml-latest-small')).toBe('import-movielens-ml-latest-small');
  });

  it.each(['ml-latest-small', 'ml-25m', '2018.09_v1', 'X'])('accepts version %j', (version) => {
    expect(datasetVersionProblem(version)).toBeUndefined();
  });

  it.each(['', '-x', 'a/b', 'a..b', 'has space', 'x'.repeat(65), '../etc'])('rejects version %j', (version) => {
    expect(datasetVersionProblem(version)).toMatch(/^dataset version .* must be/);
  });
});
