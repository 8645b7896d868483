import { Field, Float, ObjectType } from '@nestjs/graphql';
import { CrossValidation } from './cross-validation.model';
import { RankingEvaluation } from './ranking-evaluation.model';

@ObjectType({ description: "The active model's figures a candidate was compared with" })
export class PromotionBaseline {
  @Field({ description: 'The active model' })
  version!: string;

  @Field({ description: "reevaluated: its parameters on the candidate's snapshot with the same protocols; stored: its own stored figures" })
  source!: string;

  @Field(() => Float)
  explicitRmse!: number;

  @Field(() => Float)
  implicitNdcgAtK!: number;

  @Field(() => Float, { nullable: true, description: "Liked-P@k of the product's ranking on the new-user protocol; null when unknown" })
  newUserLikedPrecisionAtK!: number | null;
}

@ObjectType({ description: 'What the candidate was compared with, and when re-evaluated, the evaluations behind the figures' })
export class RetrainBaseline extends PromotionBaseline {
  @Field(() => CrossValidation, { nullable: true, description: "The active model's explicit parameters cross-validated on this snapshot" })
  crossValidation!: CrossValidation | null;

  @Field(() => RankingEvaluation, {
    nullable: true,
    description: "The active model's implicit parameters on this snapshot's ranking split",
  })
  ranking!: RankingEvaluation | null;
}

@ObjectType({ description: 'One figure of the promotion check' })
export class PromotionCheck {
  @Field(() => Float)
  candidate!: number;

  @Field(() => Float)
  baseline!: number;

  @Field(() => Float, { description: 'The worst candidate value accepted' })
  limit!: number;

  @Field()
  ok!: boolean;
}

@ObjectType({ description: 'Relative tolerances of the promotion check' })
export class PromotionTolerance {
  @Field(() => Float, { description: "The candidate's CV RMSE may exceed the active model's by this fraction" })
  rmse!: number;

  @Field(() => Float, { description: "The candidate's NDCG@k may fall below the active model's by this fraction" })
  ndcg!: number;

  @Field(() => Float, {
    nullable: true,
    description: "The candidate's new-user liked-P@k may fall below the active model's by this fraction",
  })
  newUser!: number | null;
}

@ObjectType({ description: "The retrain's promotion decision" })
export class Promotion {
  @Field({ description: 'Why it was promoted or rejected' })
  reason!: string;

  @Field({ description: 'Whether the retrain decided to promote it' })
  promote!: boolean;

  @Field({ description: 'The retrain was started with force (promote even when worse)' })
  force!: boolean;

  @Field({ description: 'Promoted only because of force' })
  forced!: boolean;

  @Field(() => PromotionCheck, { nullable: true })
  rmse!: PromotionCheck | null;

  @Field(() => PromotionCheck, { nullable: true })
  ndcg!: PromotionCheck | null;

  @Field(() => PromotionCheck, { nullable: true, description: 'Null when either side has no new-user figure' })
  newUser!: PromotionCheck | null;

  @Field(() => PromotionBaseline, {
    nullable: true,
    description: 'What the decision compared with; null when there was nothing to compare',
  })
  comparedWith!: PromotionBaseline | null;

  @Field(() => String, { nullable: true, description: 'The active model when it was decided' })
  previousActiveVersion!: string | null;

  @Field(() => PromotionTolerance)
  tolerance!: PromotionTolerance;
}
