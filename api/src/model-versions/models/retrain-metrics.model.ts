import { Field, ObjectType } from '@nestjs/graphql';
import { CrossValidation } from './cross-validation.model';
import { Promotion, RetrainBaseline } from './promotion.model';
import { RankingEvaluation } from './ranking-evaluation.model';
import { ExplicitTuning, ImplicitTuning, TuningRuns } from './tuning.model';

@ObjectType({
  description:
    'Everything the retrain evaluated (the new-user protocol is ModelVersion.newUser). Each part is null while the version ' +
    'trains, after a failure, and for versions trained before the retrain recorded it.',
})
export class RetrainMetrics {
  @Field(() => String, { nullable: true, description: 'What started the retrain: pipeline, schedule, engagement or manual' })
  trigger!: string | null;

  @Field(() => CrossValidation, { nullable: true, description: 'k-fold cross-validation of the chosen explicit (rating) parameters' })
  crossValidation!: CrossValidation | null;

  @Field(() => RankingEvaluation, {
    nullable: true,
    description: 'The ranking protocol of the chosen implicit (ranking) parameters next to the popularity baseline',
  })
  ranking!: RankingEvaluation | null;

  @Field(() => ExplicitTuning, { nullable: true, description: 'The configurations tried for the explicit (rating) model' })
  explicitTuning!: ExplicitTuning | null;

  @Field(() => ImplicitTuning, { nullable: true, description: 'The configurations tried for the implicit (ranking) model' })
  implicitTuning!: ImplicitTuning | null;

  @Field(() => TuningRuns, { nullable: true })
  tuningRuns!: TuningRuns | null;

  @Field(() => RetrainBaseline, { nullable: true, description: 'The active model it was compared with; null when there was none' })
  baseline!: RetrainBaseline | null;

  @Field(() => Promotion, { nullable: true, description: 'The promotion decision; null until the retrain decided' })
  promotion!: Promotion | null;
}
