/** The "Download transcript" menu of the conversation and ticket pages (admins only; ADR 176). */
import { downloadFromApp } from "./admin-api";
import { translator, type Translate } from "./i18n/catalog";

/** A Polaris Page action group: the transcript as text or JSON, saved from /app/api/transcripts. */
export function transcriptActionGroup(
  query: { conversation: string } | { ticket: string },
  onError: (m: string) => void,
  t: Translate = translator("en"),
) {
  const base = "conversation" in query ? `conversation-${query.conversation}` : `ticket-${query.ticket}`;
  const download = async (format: "text" | "json") => {
    const params = new URLSearchParams({ ...query, format }).toString();
    const error = await downloadFromApp(
      `/app/api/transcripts?${params}`,
      `${base}.${format === "json" ? "json" : "txt"}`,
    );
    if (error) onError(error);
  };
  return {
    title: t("common.transcript.download"),
    actions: [
      { content: t("common.transcript.asText"), onAction: () => void download("text") },
      { content: t("common.transcript.asJson"), onAction: () => void download("json") },
    ],
  };
}
