import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { badUserInput, type FieldError } from './errors';

class InputValidationFailure {
  constructor(readonly errors: ValidationError[]) {}
}

/**
 * The global pipe: validates every `@Args()` class with class-validator and reports failures as one
 * GraphQL error with `extensions.code = BAD_USER_INPUT`, `extensions.field` (the first bad argument
 * path, e.g. `input.email`) and `extensions.fields` (every bad path with its messages). Before that it
 * refuses a NUL character in any string argument: PostgreSQL text cannot hold one (nor can most of
 * what strings reach: Temporal queries, S3 keys).
 */
@Injectable()
export class GraphqlValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new InputValidationFailure(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const field = pathWithNul(value, metadata.data ? [metadata.data] : []);
      if (field !== undefined) throw badUserInput(field, 'must not contain NUL characters (\\u0000)');
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof InputValidationFailure)) throw error;
      const fields = flatten(error.errors, metadata.data ? [metadata.data] : []);
      const [first] = fields;
      throw badUserInput(first.field, first.messages.join('; '), fields);
    }
  }
}

/** The argument path of the first string holding U+0000 in `value` (an array's items are named by the array). */
function pathWithNul(value: unknown, path: string[]): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : undefined;
  if (Array.isArray(value)) return value.map((item) => pathWithNul(item, path)).find((found) => found !== undefined);
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathWithNul(item, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function flatten(errors: ValidationError[], parents: string[]): FieldError[] {
  return errors.flatMap((error) => {
    const path = [...parents, error.property];
    const own = error.constraints
      ? [{ field: path.join('.'), messages: Object.values(error.constraints).map((message) => withoutProperty(message, error.property)) }]
      : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** class-validator messages start with the property name ("email must be an email"); the path replaces it. */
function withoutProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
