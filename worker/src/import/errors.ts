/**
 * A problem with the input that retrying cannot fix (missing object, wrong header, object changed).
 * The import workflow lists this type as non-retryable.
 */
export class MovieLensInputError extends Error {
  override name = 'MovieLensInputError';
}
