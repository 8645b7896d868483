import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../graphql/pagination';

@ObjectType({ description: 'A movie of the catalog (MovieLens)' })
export class Movie {
  @Field(() => Int, { description: 'The MovieLens movieId' })
  id!: number;

  @Field()
  title!: string;

  @Field(() => Int, { nullable: true, description: 'Release year, when MovieLens knows it' })
  year!: number | null;
}

@ObjectType({ description: 'A user tag of a movie with how many times it was applied (case-insensitive)' })
export class MovieTag {
  @Field({ description: 'The most common spelling' })
  tag!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'A top-billed cast member (TMDB)' })
export class CastMember {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  character!: string | null;

  @Field(() => String, { nullable: true, description: 'Profile photo URL (TMDB image CDN, w185)' })
  profileUrl!: string | null;
}

@ObjectType({ description: 'TMDB metadata of a movie' })
export class MovieDetails {
  @Field(() => String, { nullable: true })
  overview!: string | null;

  @Field(() => String, { nullable: true })
  tagline!: string | null;

  @Field(() => Int, { nullable: true, description: 'Minutes' })
  runtime!: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  releaseDate!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 639-1 code' })
  originalLanguage!: string | null;

  @Field(() => String, { nullable: true, description: 'Poster URL (TMDB image CDN, w500)' })
  posterUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Backdrop URL (TMDB image CDN, w1280)' })
  backdropUrl!: string | null;

  @Field(() => Float, { nullable: true, description: "TMDB's own vote average (0-10)" })
  voteAverage!: number | null;

  @Field(() => Int, { nullable: true })
  voteCount!: number | null;

  @Field(() => [String], { description: "TMDB's genre names" })
  genres!: string[];

  @Field(() => [String])
  keywords!: string[];

  @Field(() => [String])
  directors!: string[];

  @Field(() => [CastMember], { description: 'Top-billed cast in billing order' })
  cast!: CastMember[];

  @Field({ description: 'When the data was fetched from TMDB' })
  fetchedAt!: Date;
}

@ObjectType()
export class MovieConnection extends Connection(Movie, 'Movie') {}
