/**
 * The knowledge service: every change the merchant makes to the FAQ, the policies and the log of
 * unanswered questions goes through here. Each write ends with `knowledgeChanged`, which drops the
 * assistant's cached index so the next shopper question is answered from the new entries (ADR 115).
 */
import { db, type Tx } from "../../db.server";
import { logger } from "../../logger.server";
import { invalidateKnowledgeIndex } from "../../ai/knowledge-index.server";
import { listKnowledgeForAdmin } from "../../repositories/admin.server";
import {
  closeUnansweredQuestion,
  countKnowledgeEntries,
  createKnowledgeEntry,
  deleteKnowledgeEntry,
  findKnowledgeEntry,
  findUnansweredQuestion,
  MAX_KNOWLEDGE_ENTRIES,
  updateKnowledgeEntry,
} from "../../repositories/knowledge.server";
import { ShopifyError } from "../../integrations/shopify/client.server";
import type { ShopifyData } from "../../integrations/shopify/data.server";
import { domainError, type DomainError } from "../conversations/errors";
import { fromStored, questionKey, toStored, type FaqFields } from "./entry";
import { readFaqCsv, writeFaqCsv } from "./csv.server";
import { DEFAULT_LOCALE, type Locale } from "../../lib/i18n/core";
import { planImport, type ExistingFaq, type ImportPlan } from "./import-plan";
import { policyEntries } from "./policies.server";

/** The one thing every write does after it commits: the assistant must answer from the new entries. */
function knowledgeChanged(shop: string): void {
  invalidateKnowledgeIndex(shop);
}

const notFound = () => domainError("not_found", "errors.knowledge.entryNotFound");
const unansweredNotFound = () => domainError("not_found", "errors.knowledge.unansweredNotFound");
const questionHandled = () => domainError("conflict", "errors.knowledge.questionHandled");

async function faqEntries(shop: string, client: Tx = db()): Promise<ExistingFaq[]> {
  const rows = await listKnowledgeForAdmin(shop, "faq", client);
  return rows.map((r) => ({ id: r.id, externalId: r.externalId, ...fromStored(r) }));
}

async function assertQuestionFree(shop: string, fields: FaqFields, exceptId: string | null, client: Tx) {
  const key = questionKey(fields.question, fields.locale);
  const clash = (await faqEntries(shop, client)).find(
    (e) => e.id !== exceptId && questionKey(e.question, e.locale) === key,
  );
  // also the question field's message (details.fields.question), for the entry form
  if (clash)
    throw domainError(
      "conflict",
      "errors.knowledge.duplicateQuestion",
      { locale: fields.locale },
      { fields: ["question"] },
    );
}

async function assertRoom(shop: string, adding: number, client: Tx) {
  const count = await countKnowledgeEntries(shop, client);
  if (count + adding > MAX_KNOWLEDGE_ENTRIES)
    throw domainError("conflict", "errors.knowledge.full", { max: MAX_KNOWLEDGE_ENTRIES, current: count });
}

/**
 * Creates an FAQ entry. With `unansweredId`, it answers that open question from the log: the
 * question is marked answered and linked to the entry in the same transaction (404 when the shop
 * has no such question, 409 when it is no longer open).
 */
export async function createFaqEntry(shop: string, fields: FaqFields, options: { unansweredId?: string } = {}) {
  const entry = await db().$transaction(async (tx) => {
    if (options.unansweredId) {
      const question = await findUnansweredQuestion(shop, options.unansweredId, tx);
      if (!question) throw unansweredNotFound();
      if (question.status !== "open") throw questionHandled();
    }
    await assertRoom(shop, 1, tx);
    await assertQuestionFree(shop, fields, null, tx);
    const row = await createKnowledgeEntry(shop, { kind: "faq", ...toStored(fields) }, tx);
    if (
      options.unansweredId &&
      !(await closeUnansweredQuestion(shop, options.unansweredId, { status: "converted", entryId: row.id }, tx))
    )
      throw questionHandled();
    return row;
  });
  knowledgeChanged(shop);
  return entry;
}

/** Replaces an FAQ entry's fields. Policies come from Shopify and are not edited here (409). */
export async function updateFaqEntry(shop: string, id: string, fields: FaqFields) {
  const entry = await db().$transaction(async (tx) => {
    const current = await findKnowledgeEntry(shop, id, tx);
    if (!current) throw notFound();
    if (current.kind !== "faq") throw domainError("conflict", "errors.knowledge.policiesFromShopify");
    await assertQuestionFree(shop, fields, id, tx);
    return updateKnowledgeEntry(shop, id, toStored(fields), tx);
  });
  if (!entry) throw notFound();
  knowledgeChanged(shop);
  return entry;
}

/** Turns an entry (FAQ or policy) on or off for the assistant. */
export async function setKnowledgeEnabled(shop: string, id: string, enabled: boolean) {
  const entry = await updateKnowledgeEntry(shop, id, { enabled });
  if (!entry) throw notFound();
  knowledgeChanged(shop);
  return entry;
}

export async function deleteKnowledge(shop: string, id: string): Promise<void> {
  const deleted = await db().$transaction((tx) => deleteKnowledgeEntry(shop, id, tx));
  if (!deleted) throw notFound();
  knowledgeChanged(shop);
}

/** Takes an open question off the log without answering it. */
export async function dismissUnanswered(shop: string, id: string): Promise<void> {
  const question = await findUnansweredQuestion(shop, id);
  if (!question) throw unansweredNotFound();
  if (!(await closeUnansweredQuestion(shop, id, { status: "dismissed" }))) throw questionHandled();
}

export type CsvImportResult = ImportPlan & { applied: boolean };

function readOrThrow(bytes: Uint8Array) {
  const file = readFaqCsv(bytes);
  if (!file.ok) throw domainError(file.code, file.key, file.vars);
  return file;
}

/** What importing the file would do, row by row; writes nothing. */
export async function previewFaqImport(
  shop: string,
  bytes: Uint8Array,
  language: Locale = DEFAULT_LOCALE,
): Promise<ImportPlan> {
  const file = readOrThrow(bytes);
  return planImport(await faqEntries(shop), file.columns, file.rows, language);
}

/**
 * Imports the file: plans it again against the entries as they are now and writes it in one
 * transaction, or writes nothing when any row has an error (422 with the plan). Importing the same
 * file twice changes nothing the second time.
 */
export async function applyFaqImport(
  shop: string,
  bytes: Uint8Array,
  language: Locale = DEFAULT_LOCALE,
): Promise<ImportPlan> {
  const file = readOrThrow(bytes);
  const plan = await db().$transaction(
    async (tx) => {
      const planned = planImport(await faqEntries(shop, tx), file.columns, file.rows, language);
      if (planned.counts.error > 0)
        throw domainError(
          "invalid_request",
          "errors.knowledge.importRowErrors",
          { count: planned.counts.error },
          { details: { plan: planned } },
        );
      await assertRoom(shop, planned.counts.create, tx);
      for (const row of planned.rows) {
        if (row.action === "create" && row.fields)
          await createKnowledgeEntry(shop, { kind: "faq", externalId: row.key, ...toStored(row.fields) }, tx);
        else if (row.action === "update" && row.fields && row.entryId)
          await updateKnowledgeEntry(shop, row.entryId, toStored(row.fields), tx);
      }
      return planned;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  if (plan.counts.create + plan.counts.update > 0) knowledgeChanged(shop);
  return plan;
}

/** The shop's FAQ as CSV, in the format `applyFaqImport` reads (policies come from Shopify). */
export async function exportFaqCsv(shop: string): Promise<string> {
  const entries = await faqEntries(shop);
  return writeFaqCsv(entries.map((e) => ({ ...e, key: e.externalId ?? e.id })));
}

export interface PolicyRefresh {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

function shopifyUnavailable(error: ShopifyError): DomainError {
  const key =
    error.kind === "auth"
      ? "errors.knowledge.shopifyAuth"
      : error.kind === "rate_limited"
        ? "errors.knowledge.shopifyBusy"
        : "errors.knowledge.shopifyDown";
  return domainError("unavailable", key, undefined, { status: 502 });
}

/**
 * Reads the shop's policies from Shopify and stores each as a "policy" entry: updated in place
 * (its on/off switch kept), created when new, removed when Shopify no longer has it.
 */
export async function refreshPolicies(shop: string, shopify: Pick<ShopifyData, "policies">): Promise<PolicyRefresh> {
  let fresh;
  try {
    fresh = policyEntries(await shopify.policies());
  } catch (error) {
    if (!(error instanceof ShopifyError)) throw error;
    logger.warn({ shop, kind: error.kind }, "knowledge: policies could not be read from Shopify");
    throw shopifyUnavailable(error);
  }
  const result: PolicyRefresh = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  await db().$transaction(async (tx) => {
    const current = await listKnowledgeForAdmin(shop, "policy", tx);
    for (const policy of fresh) {
      const existing = current.find((e) => e.externalId === policy.externalId);
      if (!existing) {
        await assertRoom(shop, 1, tx);
        await createKnowledgeEntry(shop, { kind: "policy", tags: "policy", ...policy }, tx);
        result.created++;
      } else if (existing.question !== policy.question || existing.answer !== policy.answer) {
        await updateKnowledgeEntry(shop, existing.id, { question: policy.question, answer: policy.answer }, tx);
        result.updated++;
      } else result.unchanged++;
    }
    for (const stale of current.filter((e) => !fresh.some((p) => p.externalId === e.externalId))) {
      await deleteKnowledgeEntry(shop, stale.id, tx);
      result.removed++;
    }
  });
  if (result.created + result.updated + result.removed > 0) knowledgeChanged(shop);
  return result;
}
