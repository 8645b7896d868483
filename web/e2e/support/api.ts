/** Plain GraphQL calls to the real API, for setup steps that are not what a test is about. */

export interface Session {
  accessToken: string;
  expiresAt: string;
  user: { id: number; email: string | null; displayName: string | null; role: 'USER' | 'ADMIN' };
}

const SESSION_FIELDS = 'accessToken expiresAt user { id email displayName role }';

export async function graphql<T>(baseUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL ${response.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return body.data;
}

export async function logIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const data = await graphql<{ logIn: Session }>(
    baseUrl,
    `mutation LogIn($input: LogInInput!) { logIn(input: $input) { ${SESSION_FIELDS} } }`,
    { input: { email, password } },
  );
  return data.logIn;
}

export async function signUp(baseUrl: string, email: string, password: string, displayName?: string): Promise<Session> {
  const data = await graphql<{ signUp: Session }>(
    baseUrl,
    `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { ${SESSION_FIELDS} } }`,
    { input: { email, password, displayName } },
  );
  return data.signUp;
}

export async function rateMovie(baseUrl: string, token: string, movieId: number, rating: number): Promise<void> {
  await graphql(
    baseUrl,
    `
      mutation Rate($movieId: Int!, $rating: Float!) {
        rateMovie(movieId: $movieId, rating: $rating) {
          rating
        }
      }
    `,
    { movieId, rating },
    token,
  );
}

/** A unique address per call, so tests never collide (and a rerun on the same stack works). */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@reelrank.test`;
}
