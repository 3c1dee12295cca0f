/**
 * One question of the log of questions the assistant could not answer. PATCH `{status: "dismissed"}`
 * takes it off the open list. (Answering it is creating an FAQ entry with its `unansweredId`.)
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { dismissUnanswered } from "../domain/knowledge/service.server";
import { adminError, adminJson, domainErrorResponse, readAdminJson } from "../lib/admin-json.server";
import { requireOperator } from "../domain/permissions.server";
import { translator } from "../lib/i18n/catalog";
import { adminLocale } from "../lib/i18n/locale.server";

const bodySchema = z.object({ status: z.literal("dismissed", { message: "status is dismissed." }) });

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const { session } = context;
  if (request.method !== "PATCH") return adminError("invalid_request", "Use PATCH.", {}, 405);
  const id = z.string().min(1).max(64).safeParse(params.id);
  if (!id.success) return adminError("not_found", "That unanswered question was not found.");
  const body = bodySchema.safeParse(await readAdminJson(request, 1_000));
  if (!body.success) return adminError("invalid_request", "status is dismissed.");
  try {
    await dismissUnanswered(session.shop, id.data);
    return adminJson({ status: "dismissed" });
  } catch (error) {
    // the refusal in the staff member's language
    return domainErrorResponse(error, translator(adminLocale(request, await requireOperator(context))));
  }
};

export const loader = async () => adminError("invalid_request", "Use PATCH.", {}, 405);
