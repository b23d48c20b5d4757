import pg from "pg";

/** The PostgreSQL server the tests use (trust auth, database `test`). */
export const POSTGRES_URL = process.env.OMNIBRIDGE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A state URL in a fresh, unique schema. */
export async function freshPostgresState(): Promise<string> {
  const schema = `omnibridge_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  return `${POSTGRES_URL}?schema=${schema}`;
}

/** Drop the schema of a state URL made by {@link freshPostgresState}. */
export async function dropPostgresState(url: string): Promise<void> {
  const schema = new URL(url).searchParams.get("schema");
  if (!schema || !/^omnibridge_test_[a-z0-9_]+$/.test(schema)) return;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
