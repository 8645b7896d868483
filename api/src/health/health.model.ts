import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "One dependency's reachability" })
export class ServiceHealth {
  @Field({ description: 'postgres, temporal or s3' })
  name!: string;

  @Field()
  up!: boolean;

  @Field(() => Float, { description: 'Round-trip time of the probe in milliseconds' })
  latencyMs!: number;

  @Field(() => String, { nullable: true, description: 'Error message when the service did not answer' })
  error?: string;
}

@ObjectType({ description: 'Reachability of the services the API depends on' })
export class Health {
  @Field({ description: 'True when every dependency answered' })
  ok!: boolean;

  @Field({ description: 'ISO time of the check' })
  checkedAt!: Date;

  @Field(() => [ServiceHealth])
  services!: ServiceHealth[];
}
