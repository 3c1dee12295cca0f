/** The "Download transcript" menu of the conversation and ticket pages (admins only; ADR 176). */
import { downloadFromApp } from "./admin-api";

/** A Polaris Page action group: the transcript as text or JSON, saved from /app/api/transcripts. */
export function transcriptActionGroup(
  query: { conversation: string } | { ticket: string },
  onError: (m: string) => void,
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
    title: "Download transcript",
    actions: [
      { content: "As text", onAction: () => void download("text") },
      { content: "As JSON", onAction: () => void download("json") },
    ],
  };
}
