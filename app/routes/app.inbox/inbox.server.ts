import { z } from "zod";
import { CONVERSATION_STATES, INBOX_VIEWS, listInbox } from "../../repositories/inbox.server";
import { inboxCounts, recentTags } from "../../repositories/inbox-live.server";
import { listOperators } from "../../repositories/operators.server";
import { effectivePresence } from "../../domain/operators.server";
import { db, type Tx } from "../../db.server";

export const inboxParams = z.object({
  view: z.enum(INBOX_VIEWS).catch("queue"),
  q: z.string().trim().max(200).optional().catch(undefined),
  state: z.enum(CONVERSATION_STATES).optional().catch(undefined),
  tag: z.string().trim().max(60).optional().catch(undefined),
  operator: z.string().max(60).optional().catch(undefined),
  cursor: z.string().max(400).optional().catch(undefined),
});
export type InboxParams = z.infer<typeof inboxParams>;

export function parseInboxParams(url: URL): InboxParams {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return inboxParams.parse(raw);
}

/** Everything the inbox page shows: one page of the view, tab counts, operators and tags. */
export async function loadInbox(
  shop: string,
  operatorId: string,
  params: InboxParams,
  now = new Date(),
  client: Tx = db(),
) {
  const [page, counts, operators, tags] = await Promise.all([
    listInbox(
      shop,
      {
        view: params.view,
        operatorId,
        q: params.q,
        state: params.state,
        tag: params.tag,
        assigneeId: params.operator,
        cursor: params.cursor,
      },
      now,
      client,
    ),
    inboxCounts(shop, operatorId, client),
    listOperators(shop, client),
    recentTags(shop, client),
  ]);
  return {
    page,
    counts,
    operators: operators.map((o) => ({
      id: o.id,
      name: o.name,
      role: o.role,
      capacity: o.capacity,
      presence: effectivePresence(o, now),
    })),
    tags,
  };
}
