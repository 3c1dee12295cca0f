/**
 * The one way this app makes a pg pool (the Prisma adapter's and the write path's, the poll
 * reader's, the rate-limit counters').
 *
 * pg reports a connection the server cuts (a restart, `pg_terminate_backend`) as an 'error' event
 * on its client, and an 'error' event nobody listens to ends the process. The pool listens only
 * while a client is idle in it. A checked-out client is the borrower's to watch, and there is a
 * window that no borrower can close: when the server's last answer and its "terminating connection"
 * arrive in one read, the pool hands the client to the next waiter between the two, and the error
 * is emitted before the waiter's code has run. So every client gets one listener for its whole
 * life, attached when it connects. A client that had an error is not queryable: its borrower's
 * next statement fails as an outage (app/db/errors.server.ts), and the pool drops it on release.
 */
import pg from "pg";

export function createPgPool(config: pg.PoolConfig, onIdleError: (error: Error) => void = () => undefined): pg.Pool {
  const pool = new pg.Pool(config);
  // An idle connection that breaks leaves the pool; the next query reconnects.
  pool.on("error", onIdleError);
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
  });
  return pool;
}
