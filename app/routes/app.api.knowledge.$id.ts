/**
 * One knowledge entry as JSON. GET: the entry. PUT: replace an FAQ entry's fields. PATCH
 * `{enabled}`: turn an entry (FAQ or policy) on or off. DELETE: delete it. Another shop's entry
 * is 404 like a missing one.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { findKnowledgeEntry } from "../repositories/knowledge.server";
import { requireOperator } from "../domain/permissions.server";
import { adminLocale } from "../lib/i18n/locale.server";
import { translator } from "../lib/i18n/catalog";
import { faqFieldsSchemaIn, knowledgeView, LIMITS } from "../domain/knowledge/entry";
import { deleteKnowledge, setKnowledgeEnabled, updateFaqEntry } from "../domain/knowledge/service.server";
import { adminError, adminJson, domainErrorResponse, invalidFields, readAdminJson } from "../lib/admin-json.server";

const idSchema = z.string().min(1).max(64);
const enabledSchema = z.object({ enabled: z.boolean({ message: "enabled is true or false." }) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = idSchema.safeParse(params.id);
  const entry = id.success ? await findKnowledgeEntry(session.shop, id.data) : null;
  if (!entry) return adminError("not_found", "That knowledge entry was not found.");
  return adminJson({ entry: knowledgeView(entry) });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const { session } = context;
  const id = idSchema.safeParse(params.id);
  if (!id.success) return adminError("not_found", "That knowledge entry was not found.");
  try {
    switch (request.method) {
      case "PUT": {
        // field messages in the staff member's language
        const locale = adminLocale(request, await requireOperator(context));
        const fields = faqFieldsSchemaIn(locale).safeParse(await readAdminJson(request, LIMITS.requestBytes));
        if (!fields.success) return invalidFields(fields.error, translator(locale));
        return adminJson({ entry: knowledgeView(await updateFaqEntry(session.shop, id.data, fields.data)) });
      }
      case "PATCH": {
        const body = enabledSchema.safeParse(await readAdminJson(request, LIMITS.requestBytes));
        if (!body.success) return adminError("invalid_request", "enabled is true or false.");
        return adminJson({ entry: knowledgeView(await setKnowledgeEnabled(session.shop, id.data, body.data.enabled)) });
      }
      case "DELETE":
        await deleteKnowledge(session.shop, id.data);
        return adminJson({ deleted: true });
      default:
        return adminError("invalid_request", "Use PUT, PATCH or DELETE.", {}, 405);
    }
  } catch (error) {
    // the refusal in the staff member's language
    return domainErrorResponse(error, translator(adminLocale(request, await requireOperator(context))));
  }
};
