import { expect } from "vitest";
import type { Db } from "~/db.server";
import type { SeededShop } from "./seed";

export interface IsolationContext {
  db: Db;
  kind: "sqlite" | "postgresql";
  /** The victim: its rows must neither show up in results nor change. */
  a: SeededShop;
  /** The actor: call the function as this shop (freshly seeded for every case). */
  b: SeededShop;
  /** Fails when a value (a result) mentions anything of shop A: its domain, its tag or one of its ids. */
  expectNoLeak(value: unknown): void;
}

export type IsolationCase = (ctx: IsolationContext) => Promise<void>;

/** A function that never touches the database (a pure helper), with the reason it needs no case. */
export interface PureFunction {
  pure: string;
}

/** One entry per exported function of the repository module M (the compiler lists the missing ones). */
export type IsolationCases<M> = {
  [K in keyof M as M[K] extends (...args: never[]) => unknown ? K : never]: IsolationCase | PureFunction;
};

export function leakChecker(a: SeededShop): (value: unknown) => void {
  const tag = a.shop.split(".")[0]!;
  const ids = [
    a.sessionId,
    a.operatorId,
    ...Object.values(a.conversations),
    ...Object.values(a.messages).flat(),
    ...Object.values(a.tickets),
    a.noteId,
    a.ticketNoteId,
    a.ticketEventId,
    a.knowledgeId,
    a.unansweredId,
    a.cannedId,
    a.endpointId,
    a.deliveryId,
    a.jobId,
    a.auditId,
    a.dataRequestId,
    a.notificationId,
  ];
  return (value: unknown) => {
    const text = JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "";
    expect(text, "result mentions shop A").not.toContain(tag);
    for (const id of ids) expect(text, `result contains shop A's row ${id}`).not.toContain(id);
  };
}
