import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULES } from '../../auth/password-rules';

@InputType()
export class ChangePasswordInput {
  @Field({ description: 'The password the account has now' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @Field({ description: PASSWORD_RULES })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @IsAcceptablePassword()
  newPassword!: string;
}

@ArgsType()
export class DeleteAccountArgs {
  @Field({ description: "The account's password, to confirm" })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
