import { type FragmentDefinitionNode, type GraphQLError, Kind, type OperationDefinitionNode, parse } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { QueryRateLimiter, rootFieldCount } from './query-rate-limit';

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

describe('QueryRateLimiter', () => {
  const anonymous = (ip: string) => ({ method: 'POST', headers: {}, ip }) as unknown as IncomingMessage;

  async function charge(limiter: QueryRateLimiter, req: IncomingMessage, source: string): Promise<unknown> {
    const document = parse(source);
    const listener = await limiter.plugin().requestDidStart!({} as never);
    return listener!.didResolveOperation!({
      operation: document.definitions[0],
      document,
      contextValue: { req },
    } as never).then(
      () => 'charged',
      (error: GraphQLError) => error.extensions,
    );
  }

  function passesMiddleware(
    limiter: QueryRateLimiter,
    req: IncomingMessage,
  ): Promise<{ passed: boolean; status?: number; headers?: unknown }> {
    return new Promise((resolve) => {
      const res = {
        writeHead: (status: number, headers: unknown) => resolve({ passed: false, status, headers }),
        end: () => undefined,
      } as unknown as ServerResponse;
      limiter.refuseExhaustedClients()(req, res, () => resolve({ passed: true }));
    });
  }

  it('charges root fields and refuses a query over the limit with 429 and Retry-After', async () => {
    const limiter = new QueryRateLimiter(3);
    const client = anonymous('10.0.0.1');
    expect(await charge(limiter, client, '{ a: health { ok } b: health { ok } }')).toBe('charged');
    expect(await charge(limiter, client, '{ a: health { ok } b: health { ok } }')).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 1,
      http: { status: 429 },
    });
    expect(await charge(limiter, anonymous('10.0.0.2'), '{ health { ok } }')).toBe('charged');
    expect(await charge(limiter, client, 'mutation { logOut }')).toBe('charged');
  });

  it('refuses an anonymous client whose second is used up before any GraphQL work, and lets others through', async () => {
    const limiter = new QueryRateLimiter(2);
    const client = anonymous('10.0.0.1');
    expect(await passesMiddleware(limiter, client)).toEqual({ passed: true });
    await charge(limiter, client, '{ a: health { ok } b: health { ok } }');
    expect(await passesMiddleware(limiter, client)).toEqual({
      passed: false,
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '1' },
    });
    expect(await passesMiddleware(limiter, anonymous('10.0.0.2'))).toEqual({ passed: true });
    const signedIn = { ...client, headers: { authorization: 'Bearer x' } } as unknown as IncomingMessage;
    expect(await passesMiddleware(limiter, signedIn)).toEqual({ passed: true });
  });
});
