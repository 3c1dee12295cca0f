import { afterEach, beforeEach, vi } from "vitest";

process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";

// console.error fails a test unless the test expects it (vi.spyOn(console, "error").mockImplementation(...)).
let errors: unknown[][] = [];
const original = console.error;
beforeEach(() => {
  errors = [];
  console.error = (...args: unknown[]) => {
    errors.push(args);
    original(...args);
  };
});
afterEach(() => {
  const seen = errors;
  console.error = original;
  if (seen.length > 0 && !vi.isMockFunction(console.error)) {
    throw new Error(`console.error was called ${seen.length} time(s): ${String(seen[0]?.[0]).slice(0, 300)}`);
  }
});
