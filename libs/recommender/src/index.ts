export {
  ExplicitAlsTrainer,
  ImplicitAlsTrainer,
  confidenceOf,
  initialFactors,
  trainExplicit,
  trainImplicit,
  type TrainingData,
  type SweepProgress,
  type TrainOptions,
} from './als';
export {
  accuracy,
  crossValidate,
  evaluateRanking,
  itemsByUser,
  modelTopK,
  popularityTopK,
  rankEvaluate,
  rankingSplit,
  type CrossValidationOptions,
  type CrossValidationResult,
  type FoldResult,
  type RankEvaluationOptions,
  type RankEvaluationResult,
  type RankingMetrics,
} from './evaluate';
export { averagePrecisionAtK, catalogCoverage, mae, meanAndStd, ndcgAtK, precisionAtK, recallAtK, rmse } from './metrics';
export {
  DEFAULT_EXPLICIT_PARAMS,
  DEFAULT_IMPLICIT_PARAMS,
  indexOfId,
  type AlsModel,
  type ConfidenceScaling,
  type ExplicitModel,
  type ExplicitParams,
  type ImplicitModel,
  type ImplicitParams,
  type ImplicitSolver,
} from './model';
export { DEFAULT_EASE_PARAMS, easeRecommend, trainEase, type EaseModel, type EaseParams } from './ease';
export { ImplicitFoldIn } from './fold-in';
export { genreAffinity, itemGenres, type GenreAffinityParams, type ItemGenres } from './genres';
export { parseMoviesCsv, readMoviesFile, type MovieInfo } from './movies';
export {
  blockbusters,
  evaluateNewUsers,
  evaluatePersonas,
  NEW_USER_DEFAULTS,
  newUserGroups,
  newUserMetrics,
  personas,
  type NewUserCase,
  type NewUserGroup,
  type NewUserMetrics,
  type NewUserOptions,
  type NewUserPlan,
  type Persona,
  type PersonaResult,
  type ProfileRanker,
} from './new-user';
export { offThread, offThreadInOrder, sharedCopy, type JobArgs, type JobName } from './jobs';
export { AlsWorkerPool, defaultThreadCount } from './pool';
export { mulberry32 } from './random';
export {
  parseRatingsCsv,
  RATING_RECORD_BYTES,
  RatingRecordsDecoder,
  ratingsFromRecords,
  ratingsFromTriplets,
  readRatingsFile,
  RatingsError,
  selectRatings,
  type RatingRecords,
  type Ratings,
} from './ratings';
export {
  deserializeModel,
  serializeModel,
  USER_SIDE_FILES,
  type ModelFileEntry,
  type ModelManifest,
  type SerializedModel,
} from './serialize';
export {
  coldStartRanking,
  explainRecommendation,
  foldInUser,
  predictRating,
  recommend,
  recommendForProfile,
  SIMILAR_GENRE_WEIGHT,
  similarItems,
  trainedUserProfile,
  type ColdStartOptions,
  type Recommendation,
  type RecommendOptions,
  type SimilarItem,
  type SimilarOptions,
} from './serving';
export type { Explanation, RatingInput, UserProfile } from './profile';
export { itemNorms, similarBlock, similarBlocks, similarityInput, type SimilarBlock, type SimilarityInput } from './similar';
export {
  DEFAULT_TASTE_PARAMS,
  recommendForTaste,
  tasteLists,
  TasteProfile,
  type RatedItems,
  type TasteLists,
  type TasteModels,
  type TasteParams,
  type TastePick,
} from './taste';
export { foldSplit, kFoldAssignments, sampleUsers, stratifiedSplit, type TrainTestSplit } from './split';
export {
  explicitTuningRun,
  implicitTuningRun,
  tuneExplicit,
  tuneImplicit,
  type ExplicitTuningOptions,
  type ExplicitTuningResult,
  type ImplicitTuningOptions,
  type ImplicitTuningResult,
} from './tune';
