import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { rootFieldCount } from './query-rate-limit';

function countOf(source: string): number {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return rootFieldCount(operation!, fragments);
}

describe('rootFieldCount', () => {
  it('counts each root field and each alias, not nested fields', () => {
    expect(countOf('{ health { ok services { name } } }')).toBe(1);
    expect(countOf('{ a: health { ok } b: health { ok } genres { name } __typename }')).toBe(4);
  });

  it('counts the root fields of fragments and inline fragments', () => {
    expect(
      countOf('query { ...Twice ... on Query { c: genres { name } } } fragment Twice on Query { a: health { ok } b: health { ok } }'),
    ).toBe(3);
  });

  it('counts a fragment spread twice twice, and stops at a cycle', () => {
    expect(countOf('{ ...F ...F } fragment F on Query { health { ok } }')).toBe(2);
    expect(countOf('{ ...F } fragment F on Query { health { ok } ...F }')).toBe(1);
  });
});
