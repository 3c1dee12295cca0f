/**
 * Knowledge: the FAQ entries and store policies the assistant answers from, and the questions it
 * could not answer. Every change goes through the knowledge JSON API (app/routes/app.api.knowledge.*).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { Banner, Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "../../shopify.server";
import { listKnowledgeForAdmin } from "../../repositories/admin.server";
import { listUnansweredQuestions } from "../../repositories/knowledge.server";
import { knowledgeView } from "../../domain/knowledge/entry";
import { downloadFromApp, useAdminApi } from "../../lib/admin-api";
import { useT } from "../../lib/i18n/react";
import type { Translate } from "../../lib/i18n/catalog";
import { EntriesCard } from "./components/EntriesCard";
import { UnansweredCard } from "./components/UnansweredCard";

const querySchema = z.object({ kind: z.enum(["faq", "policy"]).optional().catch(undefined) });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { kind } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [entries, unanswered] = await Promise.all([
    listKnowledgeForAdmin(session.shop, kind),
    listUnansweredQuestions(session.shop, { status: "open", limit: 20 }),
  ]);
  return {
    entries: entries.map(knowledgeView),
    unanswered: unanswered.map((u) => ({
      id: u.id,
      question: u.question,
      count: u.count,
      lastAskedAt: u.lastAskedAt.toISOString(),
    })),
    kind: kind ?? null,
    now: Date.now(),
  };
};

interface PolicyResult {
  result: { created: number; updated: number; unchanged: number; removed: number };
}

function policySummary({ created, updated, unchanged, removed }: PolicyResult["result"], t: Translate): string {
  const parts = [
    created && t("knowledge.policies.added", { count: created }),
    updated && t("knowledge.policies.updated", { count: updated }),
    unchanged && t("knowledge.policies.unchanged", { count: unchanged }),
    removed && t("knowledge.policies.removed", { count: removed }),
  ].filter(Boolean);
  return parts.length ? t("knowledge.policies.refreshed", { parts: parts.join(", ") }) : t("knowledge.policies.none");
}

export default function Knowledge() {
  const { entries, unanswered, kind, now } = useLoaderData<typeof loader>();
  const { t } = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const policies = useAdminApi<PolicyResult>();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const saved = params.get("saved");

  return (
    <Page
      title={t("common.nav.knowledge")}
      subtitle={t("knowledge.subtitle")}
      primaryAction={{ content: t("knowledge.add"), onAction: () => navigate("/app/knowledge/new") }}
      secondaryActions={[
        { content: t("knowledge.importCsv"), onAction: () => navigate("/app/knowledge/import") },
        {
          content: t("knowledge.exportCsv"),
          onAction: async () => setDownloadError(await downloadFromApp("/app/api/knowledge/export", "faq.csv")),
        },
        {
          content: t("knowledge.refreshPolicies"),
          loading: policies.busy,
          onAction: () => void policies.call("/app/api/knowledge/policies", { method: "POST" }),
        },
      ]}
    >
      <Layout>
        {saved || policies.result || downloadError ? (
          <Layout.Section>
            {saved ? (
              <Banner
                tone="success"
                onDismiss={() => {
                  const next = new URLSearchParams(params);
                  next.delete("saved");
                  setParams(next, { replace: true });
                }}
              >
                {saved === "answered" ? t("knowledge.savedAnswered") : t("knowledge.saved")}
              </Banner>
            ) : null}
            {policies.result ? (
              <Banner tone={policies.result.ok ? "success" : "critical"} onDismiss={policies.reset}>
                {policies.result.ok ? policySummary(policies.result.data.result, t) : policies.result.error.message}
              </Banner>
            ) : null}
            {downloadError ? (
              <Banner tone="critical" onDismiss={() => setDownloadError(null)}>
                {downloadError}
              </Banner>
            ) : null}
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <EntriesCard entries={entries} kind={kind} />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <UnansweredCard questions={unanswered} now={now} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
