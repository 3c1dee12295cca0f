export {};
/**
 * `npm run crash-test [-- --kills N] [-- --db postgresql]`: shoppers send messages under load while
 * the app's processes are killed with SIGKILL at random moments and restarted (and, on PostgreSQL,
 * the database itself restarts). Afterwards every message that got a 2xx exists exactly once (a retry
 * answers 200 with the same row), and every accepted shopper message has exactly one final AI reply.
 * Exit code 1 on any violation.
 *   SQLite (default): one web process with the inline worker; default 5 kills; `--pause-ms N` between
 *   each shopper's sends (default 30; tests/load/crash/sqlite.ts).
 *   PostgreSQL: two web processes and one worker against TEST_DATABASE_URL (tests/load/crash/postgresql.ts).
 * The store has the demo store's FAQ: nine messages in ten are answered from it, one in ten is not
 * (a failed answer; two in a row escalate), so both reply paths run under the faults.
 */
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const kills = Number(option("--kills") ?? 5) || 5;
const kind = option("--db") ?? "sqlite";

const report =
  kind === "postgresql"
    ? await (
        await import("./crash/postgresql")
      ).postgresqlFaultRun({
        kills,
        pgRestarts: Math.max(0, Number(option("--pg-restarts") ?? 1) || 0),
      })
    : await (
        await import("./crash/sqlite")
      ).sqliteCrashRun(kills, {
        ...(option("--pause-ms") !== undefined ? { pauseMs: Math.max(0, Number(option("--pause-ms")) || 0) } : {}),
      });
const { problems, ...figures } = report;
console.log(`crash test: ${JSON.stringify({ ...figures, problems: problems.length })}`);
if (problems.length > 0) {
  console.error(problems.slice(0, 20).join("\n"));
  process.exit(1);
}
process.exit(0);
