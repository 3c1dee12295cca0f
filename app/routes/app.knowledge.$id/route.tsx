/**
 * The FAQ editor: /app/knowledge/new (optionally `?unanswered=<id>`: "Answer this" from the log of
 * unanswered questions, pre-filled) and /app/knowledge/<id>. Saving goes through the knowledge JSON
 * API; a policy entry is shown read-only (policies come from Shopify).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { Banner, Layout, Page } from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { findKnowledgeEntry, findUnansweredQuestion } from "../../repositories/knowledge.server";
import { KNOWLEDGE_LOCALES, knowledgeView, type KnowledgeLocale } from "../../domain/knowledge/entry";
import { useAdminApi } from "../../lib/admin-api";
import { useT } from "../../lib/i18n/react";
import { EntryForm } from "./components/EntryForm";
import { PolicyCard } from "./components/PolicyCard";
import { draftOf, paramsSchema, querySchema } from "./validator";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { id } = paramsSchema.parse(params);
  if (id !== "new") {
    const entry = await findKnowledgeEntry(session.shop, id);
    if (!entry) throw new Response("Knowledge entry not found", { status: 404 });
    return { entry: knowledgeView(entry), unanswered: null };
  }
  const { unanswered: unansweredId } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const question = unansweredId ? await findUnansweredQuestion(session.shop, unansweredId) : null;
  if (unansweredId && !question) throw new Response("Unanswered question not found", { status: 404 });
  return {
    entry: null,
    unanswered: question
      ? {
          id: question.id,
          question: question.question,
          count: question.count,
          open: question.status === "open",
          locale: (KNOWLEDGE_LOCALES as readonly string[]).includes(question.locale?.slice(0, 2) ?? "")
            ? (question.locale!.slice(0, 2) as KnowledgeLocale)
            : "en",
        }
      : null,
  };
};

export default function KnowledgeEntryPage() {
  const { entry, unanswered } = useLoaderData<typeof loader>();
  const { t } = useT();
  const navigate = useNavigate();
  const toggle = useAdminApi<unknown>();

  if (entry?.kind === "policy") {
    return (
      <Page title={entry.question} backAction={{ content: t("common.nav.knowledge"), url: "/app/knowledge" }}>
        <Layout>
          <Layout.Section>
            <PolicyCard entry={entry} api={toggle} />
          </Layout.Section>
        </Layout>
      </Page>
    );
  }

  const initial = entry
    ? draftOf(entry)
    : draftOf({ question: unanswered?.question.slice(0, 300) ?? "", locale: unanswered?.locale ?? "en" });
  return (
    <Page
      title={t(
        entry
          ? "knowledge.editor.editTitle"
          : unanswered
            ? "knowledge.editor.answerTitle"
            : "knowledge.editor.newTitle",
      )}
      backAction={{ content: t("common.nav.knowledge"), url: "/app/knowledge" }}
    >
      <Layout>
        {unanswered ? (
          <Layout.Section>
            <Banner tone={unanswered.open ? "info" : "warning"}>
              {unanswered.open
                ? t("knowledge.editor.asked", { count: unanswered.count })
                : t("knowledge.editor.handled")}
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <EntryForm
            key={entry?.id ?? unanswered?.id ?? "new"}
            initial={initial}
            entryId={entry?.id ?? null}
            unansweredId={unanswered?.open ? unanswered.id : null}
            onSaved={() => navigate(`/app/knowledge?saved=${unanswered?.open ? "answered" : "1"}`)}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
