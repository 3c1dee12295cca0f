import { expect } from "vitest";
import type * as repo from "~/repositories/messages.server";
import {
  addInternalNote,
  findMessage,
  findMessageByClientId,
  findReplyTo,
  listInternalNotes,
  listMessages,
  listRecentMessages,
} from "~/repositories/messages.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async findMessageByClientId({ a, b }) {
    expect(await findMessageByClientId(b.shop, a.conversations.member, "client-0")).toBeNull();
  },
  async findMessage({ a, b }) {
    expect(await findMessage(b.shop, a.messages.member[0]!)).toBeNull();
  },
  async findReplyTo({ a, b }) {
    expect(await findReplyTo(b.shop, a.conversations.member, a.messages.member[0]!)).toBeNull();
  },
  async listMessages({ a, b }) {
    expect(await listMessages(b.shop, a.conversations.member)).toEqual([]);
    expect(await listMessages(b.shop, a.conversations.member, { afterVersion: 0, upToVersion: 100 })).toEqual([]);
  },
  async listRecentMessages({ a, b }) {
    expect(await listRecentMessages(b.shop, a.conversations.member)).toEqual([]);
  },
  async addInternalNote({ a, b, db }) {
    await addInternalNote(b.shop, {
      conversationId: b.conversations.member,
      authorOperatorId: null,
      authorName: null,
      text: "note",
    });
    expect(await db.internalNote.count({ where: { shop: a.shop } })).toBe(2); // a chat note and a ticket note
  },
  async listInternalNotes({ a, b }) {
    expect(await listInternalNotes(b.shop, a.conversations.member)).toEqual([]);
  },
};
