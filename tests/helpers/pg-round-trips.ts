import type pg from "pg";
import { vi } from "vitest";

/**
 * The statement texts sent to PostgreSQL by connections checked out of `pool` while `fn` runs:
 * each `query` call of a connection is one round trip to the server.
 */
export async function roundTrips<T>(pool: pg.Pool, fn: () => Promise<T>): Promise<{ value: T; sent: string[] }> {
  const sent: string[] = [];
  const spies: { mockRestore(): void }[] = [];
  const spied = new WeakSet<pg.PoolClient>();
  const spy = (client: pg.PoolClient) => {
    // A connection is acquired again and again from the pool: wrapped once.
    if (spied.has(client)) return;
    spied.add(client);
    const original = client.query.bind(client) as (...a: unknown[]) => unknown;
    const s = vi.spyOn(client, "query");
    spies.push(s);
    s.mockImplementation(((...a: unknown[]) => {
      const first = a[0] as string | { text: string };
      sent.push(typeof first === "string" ? first : first.text);
      return original(...a);
    }) as never);
  };
  pool.on("acquire", spy);
  try {
    return { value: await fn(), sent };
  } finally {
    pool.off("acquire", spy);
    for (const s of spies) s.mockRestore();
  }
}
