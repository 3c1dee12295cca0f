/**
 * The inbox's live endpoint, polled about once a second by open inbox and conversation pages.
 * `?cursor=` is what the previous answer returned; the answer says whether anything changed since
 * (the page then reloads its data) and which chats were queued since (announced with a sound and
 * the document title). It reads the change feed (ADR 131): the shop's latest DomainEvent `seq`
 * (one index probe) and, for a conversation page, that conversation's version (bumped once per
 * visible change) with the operator-only columns the feed does not carry (tags, summary, notes).
 * Nothing else is read unless the feed moved.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { requireOperator } from "../domain/permissions.server";
import { queuedSince } from "../repositories/inbox-live.server";
import { latestEventSeq } from "../domain/events.server";
import { db } from "../db.server";
import { shopperIsTyping } from "../domain/typing/shopper-typing.server";

const query = z.object({
  cursor: z.string().max(600).optional(),
  conversation: z.string().max(64).optional(),
});

interface Cursor {
  /** the feed's latest seq, and the conversation's version + operator-only columns */
  s: string;
  /** when the cursor was made (chats queued after it are new) */
  t: string;
}

function decode(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    return typeof c.s === "string" && typeof c.t === "string" && !Number.isNaN(Date.parse(c.t)) ? c : null;
  } catch {
    return null;
  }
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const shop = context.session.shop;
  await requireOperator(context);
  const url = new URL(request.url);
  const parsed = query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return Response.json({ error: { code: "invalid_request", message: "bad cursor" } }, { status: 400 });
  }
  const previous = decode(parsed.data.cursor);
  const now = new Date();
  const conversationId = parsed.data.conversation;
  const [seq, conv, notes] = await Promise.all([
    latestEventSeq(shop),
    conversationId
      ? db().conversation.findFirst({
          where: { shop, id: conversationId },
          select: {
            version: true,
            state: true,
            assigneeId: true,
            tags: true,
            handoffSummary: true,
            shopperTypingAt: true,
          },
        })
      : null,
    conversationId ? db().internalNote.count({ where: { shop, conversationId } }) : 0,
  ]);
  const signature = JSON.stringify([
    seq,
    conv
      ? [
          conv.version,
          conv.tags,
          conv.handoffSummary?.length ?? 0,
          notes,
          // The shopper started or stopped typing (shopper-typing.server.ts): the page shows it.
          shopperIsTyping(conv.shopperTypingAt, now.getTime()),
        ]
      : null,
  ]);
  const feedMoved = previous ? !previous.s.startsWith(`[${seq},`) : false;
  // Chats queued since the last answer (only looked for when the feed moved).
  const newlyQueued = previous && feedMoved ? await queuedSince(shop, new Date(previous.t)) : [];
  const cursor: Cursor = { s: signature, t: now.toISOString() };
  return Response.json(
    {
      cursor: Buffer.from(JSON.stringify(cursor)).toString("base64url"),
      changed: previous ? previous.s !== signature : false,
      newlyQueued,
      ...(conv ? { conversation: { version: conv.version, state: conv.state } } : {}),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
};
