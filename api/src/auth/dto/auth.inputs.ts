import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { emailMixesScripts, normalizeEmail } from '../email-address';
import { IsAcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULES } from '../password-rules';

const normalized = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeEmail(value) : value);

/** Refuses look-alike addresses such as "pаypal" with a Cyrillic "а" (emailMixesScripts). */
const NotMixingScripts = () =>
  ValidateBy({
    name: 'notMixingScripts',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !emailMixesScripts(value),
      defaultMessage: () => 'email must not mix scripts (such as Latin and Cyrillic letters) within its local part or a domain label',
    },
  });
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class SignUpInput {
  @Field({
    description:
      'Stored trimmed, lower-cased and in Unicode NFC. Refused when its local part or a domain label mixes scripts, ' +
      'or when it looks like the address of an existing account (same Unicode TR39 confusable skeleton)',
  })
  @Transform(normalized)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @NotMixingScripts()
  @MaxLength(254)
  email!: string;

  @Field({ description: PASSWORD_RULES })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @IsAcceptablePassword()
  password!: string;

  @Field(() => String, { nullable: true, description: '1 to 64 characters' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  displayName?: string | null;
}

@InputType()
export class LogInInput {
  @Field()
  @Transform(normalized)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

@ArgsType()
export class DemoLogInArgs {
  @Field(() => Int, { description: 'A MovieLens userId' })
  @IsInt()
  @Min(1)
  userId!: number;
}
