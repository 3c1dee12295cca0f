/**
 * Job handlers and recurring schedules of this process.
 *
 *   registerJobHandler("conversation.reply", async (job, ctx) => { ... }, { schema: z.object({...}) });
 *   scheduleRecurring("conversation.timeouts", 60_000);
 *
 * Handlers must be idempotent: a job can run again after a crash or an expired lease.
 * Throw `PermanentJobError` for failures that no retry can fix (the job is dead-lettered at once).
 */
import type { ZodType } from "zod";
import type { Logger } from "pino";
import type { Db } from "../db.server";
import type { BackoffOptions } from "./backoff";
import type { JobRow } from "./queue.server";

export interface ClaimedJob<P = unknown> extends Omit<JobRow, "payload"> {
  payload: P;
}

export interface JobContext {
  /** The database the worker runs on (use it, or db(), which is the same client in production). */
  db: Db;
  workerName: string;
  /** 1 on the first run. */
  attempt: number;
  /** Aborted when the worker stops and the grace period is over. */
  signal: AbortSignal;
  logger: Logger;
}

export type JobHandler<P = unknown> = (job: ClaimedJob<P>, ctx: JobContext) => Promise<void>;

/**
 * Optional batch handler (SQLite workers only, ADR 074): gets up to a batch of claimed jobs of its
 * type, finishes the ones it can in its own transaction (marking them done with `completeJobSql`
 * under this worker's lease) and returns the ids of the others, which the worker then runs one by
 * one through the normal handler. Must never leave a returned job half done.
 */
export type BatchJobHandler = (
  jobs: JobRow[],
  ctx: { db: Db; workerName: string; logger: Logger },
) => Promise<{ fallback: string[] }>;

export interface HandlerOptions<P> {
  /** Validates the payload; an invalid payload dead-letters the job without running it. */
  schema?: ZodType<P>;
  /** Retry delays (default: 1 s doubling up to 1 h, jittered). */
  backoff?: BackoffOptions;
  batch?: BatchJobHandler;
}

export interface HandlerSpec {
  type: string;
  handler: JobHandler<unknown>;
  schema?: ZodType<unknown>;
  backoff?: BackoffOptions;
  batch?: BatchJobHandler;
}

export interface RecurringSpec {
  type: string;
  everyMs: number;
  payload: unknown;
}

/** An error no retry can fix: the job goes straight to `dead`. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

interface Registry {
  handlers: Map<string, HandlerSpec>;
  recurring: Map<string, RecurringSpec>;
}

const jobRegistry: Registry = { handlers: new Map(), recurring: new Map() };

function registry(): Registry {
  return jobRegistry;
}

/** Registers (or replaces) the handler for a job type. */
export function registerJobHandler<P = unknown>(
  type: string,
  handler: JobHandler<P>,
  options: HandlerOptions<P> = {},
): void {
  registry().handlers.set(type, {
    type,
    handler: handler as JobHandler<unknown>,
    schema: options.schema as ZodType<unknown> | undefined,
    backoff: options.backoff,
    batch: options.batch,
  });
}

/** Removes a handler (tests). */
export function unregisterJobHandler(type: string): void {
  registry().handlers.delete(type);
  registry().recurring.delete(type);
}

/**
 * Runs a job of `type` every `everyMs` (aligned to multiples of `everyMs` since the epoch). Every
 * running worker schedules the next run with a dedupe key, so with several instances each slot
 * still runs once. Needs a handler for the same type.
 */
export function scheduleRecurring(type: string, everyMs: number, payload: unknown = {}): void {
  if (!Number.isFinite(everyMs) || everyMs < 10) throw new Error(`scheduleRecurring(${type}): everyMs must be ≥ 10`);
  registry().recurring.set(type, { type, everyMs, payload });
}

export function getJobHandler(type: string): HandlerSpec | undefined {
  return registry().handlers.get(type);
}

export function handledJobTypes(): string[] {
  return [...registry().handlers.keys()];
}

export function recurringJobs(): RecurringSpec[] {
  return [...registry().recurring.values()];
}
