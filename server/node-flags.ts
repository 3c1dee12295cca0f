/**
 * The Node flags of every production process: package.json `start` and `worker` pass them, and so
 * do the harnesses that start the production entries (tests/integration/support/app-process.ts,
 * bench/targets.ts); tests/unit/node-flags.test.ts checks that the scripts say the same.
 *
 * `--max-old-space-size` (ADR 244): on a machine with a lot of memory V8 lets the old generation grow
 * to ~500 MB of mostly garbage before it collects, while the live heap of a web process with 10,000
 * open conversations is ~100 MB. TANDEM_HEAP_MB sets another ceiling: npm's scripts pass it to Node
 * as is; here a value under 128 or not a whole number falls back to the default.
 */
export const DEFAULT_HEAP_MB = 256;
export const MIN_HEAP_MB = 128;

export function heapMb(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TANDEM_HEAP_MB;
  if (raw === undefined || raw === "") return DEFAULT_HEAP_MB;
  const mb = Number(raw);
  return Number.isInteger(mb) && mb >= MIN_HEAP_MB ? mb : DEFAULT_HEAP_MB;
}

export function productionNodeFlags(env: Record<string, string | undefined> = process.env): string[] {
  return [`--max-old-space-size=${heapMb(env)}`];
}
