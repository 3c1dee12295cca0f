/**
 * The shop's knowledge entries as JSON. GET: the list (`?kind=faq|policy`). POST: a new FAQ entry
 * `{question, phrasings, answer, tags, locale, enabled, unansweredId?}`; with `unansweredId` it
 * answers that question from the log of unanswered questions.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { listKnowledgeForAdmin } from "../repositories/admin.server";
import { requireOperator } from "../domain/permissions.server";
import { adminLocale } from "../lib/i18n/locale.server";
import { translator } from "../lib/i18n/catalog";
import { faqFieldsSchemaIn, knowledgeView, LIMITS } from "../domain/knowledge/entry";
import { createFaqEntry } from "../domain/knowledge/service.server";
import { adminError, adminJson, domainErrorResponse, invalidFields, readAdminJson } from "../lib/admin-json.server";

const querySchema = z.object({ kind: z.enum(["faq", "policy"]).optional() });
const linkSchema = z.object({ unansweredId: z.string().min(1).max(64).optional() });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return adminError("invalid_request", "kind is faq or policy.");
  const rows = await listKnowledgeForAdmin(session.shop, query.data.kind);
  return adminJson({ entries: rows.map(knowledgeView) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const { session } = context;
  if (request.method !== "POST") return adminError("invalid_request", "Use POST to create an entry.", {}, 405);
  // field messages in the staff member's language
  const locale = adminLocale(request, await requireOperator(context));
  const body = await readAdminJson(request, LIMITS.requestBytes);
  const fields = faqFieldsSchemaIn(locale).safeParse(body);
  if (!fields.success) return invalidFields(fields.error, translator(locale));
  const link = linkSchema.safeParse(body);
  if (!link.success) return adminError("invalid_request", "unansweredId is not a valid id.");
  try {
    const entry = await createFaqEntry(session.shop, fields.data, { unansweredId: link.data.unansweredId });
    return adminJson({ entry: knowledgeView(entry) }, 201);
  } catch (error) {
    return domainErrorResponse(error, translator(locale));
  }
};
