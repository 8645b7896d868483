/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentNode } from 'graphql';
import { Injectable } from '@angular/core';
import * as Apollo from 'apollo-angular';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format. */
  DateTime: { input: string; output: string; }
};

/** A signed-in session */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** JWT to send as `Authorization: Bearer <accessToken>` */
  accessToken: Scalars['String']['output'];
  /** When the access token expires */
  expiresAt: Scalars['DateTime']['output'];
  user: User;
};

/** A top-billed cast member (TMDB) */
export type CastMember = {
  __typename?: 'CastMember';
  character?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** Profile photo URL (TMDB image CDN, w185) */
  profileUrl?: Maybe<Scalars['String']['output']>;
};

/** A MovieLens genre */
export type Genre = {
  __typename?: 'Genre';
  id: Scalars['Int']['output'];
  /** Number of movies in this genre */
  movieCount: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

/** Reachability of the services the API depends on */
export type Health = {
  __typename?: 'Health';
  /** ISO time of the check */
  checkedAt: Scalars['DateTime']['output'];
  /** True when every dependency answered */
  ok: Scalars['Boolean']['output'];
  services: Array<ServiceHealth>;
};

export type LogInInput = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

/** A movie of the catalog (MovieLens) */
export type Movie = {
  __typename?: 'Movie';
  /** Mean rating; null without ratings */
  averageRating?: Maybe<Scalars['Float']['output']>;
  /** Damped (Bayesian) mean that ranks the RATING order: (sum of ratings + 3.5 × 10) / (number of ratings + 10), i.e. 10 prior ratings of 3.5 stars */
  bayesianRating: Scalars['Float']['output'];
  /** TMDB metadata; null until enriched or when TMDB has none */
  details?: Maybe<MovieDetails>;
  genres: Array<Genre>;
  /** The MovieLens movieId */
  id: Scalars['Int']['output'];
  /** The IMDb page, when linked */
  imdbUrl?: Maybe<Scalars['String']['output']>;
  /** The signed-in user's rating; null when not rated or anonymous */
  myRating?: Maybe<Scalars['Float']['output']>;
  /** Number of ratings */
  ratingCount: Scalars['Int']['output'];
  /** Distinct user tags, most frequent first */
  tags: Array<MovieTag>;
  title: Scalars['String']['output'];
  /** The TMDB page, when linked */
  tmdbUrl?: Maybe<Scalars['String']['output']>;
  /** Release year, when MovieLens knows it */
  year?: Maybe<Scalars['Int']['output']>;
};


/** A movie of the catalog (MovieLens) */
export type MovieTagsArgs = {
  first?: Scalars['Int']['input'];
};

export type MovieConnection = {
  __typename?: 'MovieConnection';
  edges: Array<MovieEdge>;
  pageInfo: PageInfo;
  /** Number of items matching the arguments, over all pages */
  totalCount: Scalars['Int']['output'];
};

/** TMDB metadata of a movie */
export type MovieDetails = {
  __typename?: 'MovieDetails';
  /** Backdrop URL (TMDB image CDN, w1280) */
  backdropUrl?: Maybe<Scalars['String']['output']>;
  /** Top-billed cast in billing order */
  cast: Array<CastMember>;
  directors: Array<Scalars['String']['output']>;
  /** When the data was fetched from TMDB */
  fetchedAt: Scalars['DateTime']['output'];
  /** TMDB's genre names */
  genres: Array<Scalars['String']['output']>;
  keywords: Array<Scalars['String']['output']>;
  /** ISO 639-1 code */
  originalLanguage?: Maybe<Scalars['String']['output']>;
  overview?: Maybe<Scalars['String']['output']>;
  /** Poster URL (TMDB image CDN, w500) */
  posterUrl?: Maybe<Scalars['String']['output']>;
  /** YYYY-MM-DD */
  releaseDate?: Maybe<Scalars['String']['output']>;
  /** Minutes */
  runtime?: Maybe<Scalars['Int']['output']>;
  tagline?: Maybe<Scalars['String']['output']>;
  /** TMDB's own vote average (0-10) */
  voteAverage?: Maybe<Scalars['Float']['output']>;
  voteCount?: Maybe<Scalars['Int']['output']>;
};

export type MovieEdge = {
  __typename?: 'MovieEdge';
  /** Opaque cursor of this edge */
  cursor: Scalars['String']['output'];
  node: Movie;
};

/** All given conditions must hold */
export type MovieFilter = {
  /** Genre names (case-insensitive); a movie must have all of them */
  genres?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Minimum number of ratings */
  minRatings?: InputMaybe<Scalars['Int']['input']>;
  /** Typo-tolerant search in titles and user tags (trigram word similarity); blank means no search */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Earliest release year, inclusive */
  yearFrom?: InputMaybe<Scalars['Int']['input']>;
  /** Latest release year, inclusive */
  yearTo?: InputMaybe<Scalars['Int']['input']>;
};

/** Order of a movie list; ties are broken by id */
export type MovieSort =
  /** Most ratings first */
  | 'POPULARITY'
  /** Highest damped mean first (see Movie.bayesianRating) */
  | 'RATING'
  /** Best search match first; needs filter.search (the default when searching) */
  | 'RELEVANCE'
  /** Title A-Z */
  | 'TITLE'
  /** Newest first; unknown years last */
  | 'YEAR';

/** A user tag of a movie with how many times it was applied (case-insensitive) */
export type MovieTag = {
  __typename?: 'MovieTag';
  count: Scalars['Int']['output'];
  /** The most common spelling */
  tag: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** DEMO ONLY: signs in as a MovieLens user, who has no password. Works only when the server sets DEMO_LOGIN_ENABLED=true; otherwise fails with FORBIDDEN. */
  demoLogIn: AuthPayload;
  /** Signs in with email and password */
  logIn: AuthPayload;
  /** Rates a movie (replacing an earlier rating); NOT_FOUND for an unknown movie */
  rateMovie: Rating;
  /** Removes your rating of a movie; false when you had not rated it */
  removeRating: Scalars['Boolean']['output'];
  /** Creates an account (role USER) and signs in */
  signUp: AuthPayload;
};


export type MutationDemoLogInArgs = {
  userId: Scalars['Int']['input'];
};


export type MutationLogInArgs = {
  input: LogInInput;
};


export type MutationRateMovieArgs = {
  movieId: Scalars['Int']['input'];
  rating: Scalars['Float']['input'];
};


export type MutationRemoveRatingArgs = {
  movieId: Scalars['Int']['input'];
};


export type MutationSignUpArgs = {
  input: SignUpInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge; null when the page is empty */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Every genre by name, with movie counts */
  genres: Array<Genre>;
  health: Health;
  /** The signed-in user */
  me: User;
  /** A movie by MovieLens id; null when unknown */
  movie?: Maybe<Movie>;
  /** Browse and search the catalog */
  movies: MovieConnection;
  /** Your ratings, most recent first */
  myRatings: RatingConnection;
  /** All accounts, by id. ADMIN only. */
  users: UserConnection;
};


export type QueryMovieArgs = {
  id: Scalars['Int']['input'];
};


export type QueryMoviesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MovieFilter>;
  first?: Scalars['Int']['input'];
  sort?: InputMaybe<MovieSort>;
};


export type QueryMyRatingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** The signed-in user's rating of a movie */
export type Rating = {
  __typename?: 'Rating';
  movie: Movie;
  ratedAt: Scalars['DateTime']['output'];
  /** 0.5 to 5.0 in half steps */
  rating: Scalars['Float']['output'];
};

export type RatingConnection = {
  __typename?: 'RatingConnection';
  edges: Array<RatingEdge>;
  pageInfo: PageInfo;
  /** Number of items matching the arguments, over all pages */
  totalCount: Scalars['Int']['output'];
};

export type RatingEdge = {
  __typename?: 'RatingEdge';
  /** Opaque cursor of this edge */
  cursor: Scalars['String']['output'];
  node: Rating;
};

/** One dependency's reachability */
export type ServiceHealth = {
  __typename?: 'ServiceHealth';
  /** Error message when the service did not answer */
  error?: Maybe<Scalars['String']['output']>;
  /** Round-trip time of the probe in milliseconds */
  latencyMs: Scalars['Float']['output'];
  /** postgres, temporal or s3 */
  name: Scalars['String']['output'];
  up: Scalars['Boolean']['output'];
};

export type SignUpInput = {
  /** 1 to 64 characters */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** Stored lower-cased */
  email: Scalars['String']['input'];
  /** 8 to 128 characters */
  password: Scalars['String']['input'];
};

/** An account */
export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  displayName?: Maybe<Scalars['String']['output']>;
  /** Lower-cased; null for MovieLens users */
  email?: Maybe<Scalars['String']['output']>;
  id: Scalars['Int']['output'];
  role: UserRole;
  source: UserSource;
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: PageInfo;
  /** Number of items matching the arguments, over all pages */
  totalCount: Scalars['Int']['output'];
};

export type UserEdge = {
  __typename?: 'UserEdge';
  /** Opaque cursor of this edge */
  cursor: Scalars['String']['output'];
  node: User;
};

/** USER rates and gets recommendations; ADMIN also manages the system */
export type UserRole =
  | 'ADMIN'
  | 'USER';

/** MOVIELENS: imported from the MovieLens dataset, no password; SIGNUP: created with signUp */
export type UserSource =
  | 'MOVIELENS'
  | 'SIGNUP';

export type HealthQueryVariables = Exact<{ [key: string]: never; }>;


export type HealthQuery = { health: { ok: boolean, checkedAt: string, services: Array<{ name: string, up: boolean, latencyMs: number, error: string | null }> } };

export const HealthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"up"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class HealthGQL extends Apollo.Query<HealthQuery, HealthQueryVariables> {
    override document = HealthDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }