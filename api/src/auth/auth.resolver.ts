import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AuthRateLimited } from '../graphql/throttler.guard';
import { AuthService } from './auth.service';
import { DemoLogInArgs, LogInInput, SignUpInput } from './dto/auth.inputs';
import { AuthPayload } from './models/auth-payload.model';

@Resolver(() => AuthPayload)
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload, { description: 'Creates an account (role USER) and signs in' })
  @AuthRateLimited()
  signUp(@Args('input') input: SignUpInput): Promise<AuthPayload> {
    return this.auth.signUp(input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email and password' })
  @AuthRateLimited()
  logIn(@Args('input') input: LogInInput): Promise<AuthPayload> {
    return this.auth.logIn(input);
  }

  @Mutation(() => AuthPayload, {
    description:
      'DEMO ONLY: signs in as a MovieLens user, who has no password. Works only when the server sets ' +
      'DEMO_LOGIN_ENABLED=true; otherwise fails with FORBIDDEN.',
  })
  @AuthRateLimited()
  demoLogIn(@Args() { userId }: DemoLogInArgs): Promise<AuthPayload> {
    return this.auth.demoLogIn(userId);
  }
}
