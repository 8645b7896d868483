/** What a user brings to serving: their ratings, the profile solved from them, and why an item scores. */
export interface RatingInput {
  itemId: number;
  rating: number;
}

/** A user's factor vector (and explicit bias) plus the known items it was solved from. */
export interface UserProfile {
  factors: Float64Array;
  bias: number;
  items: Int32Array;
  ratings: Float64Array;
}

export interface Explanation {
  /** A rated item that drives the score, with the user's rating of it. */
  itemId: number;
  rating: number;
  /** Its additive share of the score. */
  contribution: number;
}
