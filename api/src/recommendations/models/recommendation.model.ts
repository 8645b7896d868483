import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Movie } from '../../movies/models/movie.model';

export enum RecommendationSource {
  PRECOMPUTED = 'PRECOMPUTED',
  FOLD_IN = 'FOLD_IN',
  COLD_START = 'COLD_START',
}

registerEnumType(RecommendationSource, {
  name: 'RecommendationSource',
  description: 'How a recommendation was made',
  valuesMap: {
    PRECOMPUTED: { description: "The active model's list, computed at training time (the user has not rated anything since)" },
    FOLD_IN: {
      description: "Computed now from the user's current ratings against the active model (rated since the model's snapshot, or new to it)",
    },
    COLD_START: {
      description: 'Popular, well-rated movies: too few ratings for personal picks (RECOMMENDATIONS_MIN_RATINGS), or no active model',
    },
  },
});

@ObjectType({ description: 'Why a movie is recommended' })
export class RecommendationExplanation {
  @Field({ description: 'Short text for display, e.g. "Because you rated Toy Story 5★"' })
  text!: string;

  /** Read with the recommendation (the request's loaders are primed with it, for its own fields). */
  @Field(() => Movie, { nullable: true, description: 'The movie you rated that this recommendation is most owed to' })
  becauseMovie!: Movie | null;

  @Field(() => Float, { nullable: true, description: 'Your current rating of becauseMovie; null when there is none' })
  becauseRating!: number | null;
}

@ObjectType({ description: 'A movie recommended to the signed-in user' })
export class Recommendation {
  /** Read with the recommendation (the request's loaders are primed with it, for its own fields). */
  @Field(() => Movie)
  movie!: Movie;

  @Field(() => Float, {
    description:
      'Ranking score, higher first, comparable only within one source: PRECOMPUTED and FOLD_IN give the implicit ALS ' +
      'preference x_u·y_i (typically 0..1), COLD_START the damped mean rating (0.5..5)',
  })
  score!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Rating the explicit model predicts for you (0.5..5); null when no model is available',
  })
  predictedRating!: number | null;

  @Field(() => RecommendationExplanation, { nullable: true, description: 'Why it is recommended; null when nothing stands out' })
  explanation!: RecommendationExplanation | null;

  @Field(() => RecommendationSource)
  source!: RecommendationSource;
}

@ObjectType({ description: 'A movie similar to another one (cosine of the model item factors)' })
export class SimilarMovie {
  /** Resolved to `movie` through the request's loader. */
  movieId!: number;

  @Field(() => Float, { description: 'Cosine similarity, -1..1, higher first' })
  score!: number;
}

@ObjectType({ description: 'How the recommendations work, for clients to tell users (the same for everyone)' })
export class RecommendationSettings {
  @Field(() => Int, {
    description:
      'Ratings a user needs for personal recommendations (RECOMMENDATIONS_MIN_RATINGS); with fewer they get popular, well-rated movies (COLD_START)',
  })
  minRatings!: number;
}
