/**
 * CSV import of FAQ entries: POST multipart/form-data with `file` (the CSV) and `mode`:
 * `preview` answers what each row would do (create, update, unchanged, or an error with its reason)
 * and writes nothing; `apply` writes the file, or nothing at all when any row has an error (422).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { MAX_CSV_BYTES } from "../domain/knowledge/csv.server";
import { applyFaqImport, previewFaqImport } from "../domain/knowledge/service.server";
import { adminError, adminJson, domainErrorResponse } from "../lib/admin-json.server";
import { requireOperator } from "../domain/permissions.server";
import { adminLocale } from "../lib/i18n/locale.server";
import { translator } from "../lib/i18n/catalog";

const modeSchema = z.enum(["preview", "apply"], { message: "mode is preview or apply." });

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const { session } = context;
  if (request.method !== "POST") return adminError("invalid_request", "Use POST to import a file.", {}, 405);
  // row errors and refusals in the staff member's language
  const language = adminLocale(request, await requireOperator(context));
  const t = translator(language);
  // The form carries the file and a few short fields; anything much larger is refused unread.
  if (Number(request.headers.get("content-length") ?? "0") > MAX_CSV_BYTES + 16_000)
    return adminError("too_large", t("validation.fileTooLarge", { mb: MAX_CSV_BYTES / 1_000_000 }));
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return adminError("invalid_request", "Send the file as multipart/form-data with a “file” field.");
  }
  const mode = modeSchema.safeParse(form.get("mode"));
  if (!mode.success) return adminError("invalid_request", "mode is preview or apply.");
  const file = form.get("file");
  if (!(file instanceof File)) return adminError("invalid_request", t("validation.chooseCsv"));
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    if (mode.data === "preview") return adminJson({ plan: await previewFaqImport(session.shop, bytes, language) });
    return adminJson({ plan: await applyFaqImport(session.shop, bytes, language), applied: true });
  } catch (error) {
    return domainErrorResponse(error, t);
  }
};

export const loader = async () => adminError("invalid_request", "Use POST to import a file.", {}, 405);
