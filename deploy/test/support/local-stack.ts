import { Client } from 'pg';

/** The environment without the variables that would point `npm start` at external services (it must embed its own). */
export function withoutServiceOverrides(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...source };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'S3_ENDPOINT', 'NODE_OPTIONS']) delete copy[name];
  return copy;
}

/** The API's `health` answer: ok, and the names of the services it found down. */
export async function health(apiPort: number): Promise<{ ok: boolean; down: string[] }> {
  const response = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ health { ok services { name up } } }' }),
  });
  const { data } = (await response.json()) as { data: { health: { ok: boolean; services: { name: string; up: boolean }[] } } };
  return { ok: data.health.ok, down: data.health.services.filter((service) => !service.up).map((service) => service.name) };
}

/** Runs `text` on the database at `url` and returns its rows. */
export async function sql(url: string, text: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}
