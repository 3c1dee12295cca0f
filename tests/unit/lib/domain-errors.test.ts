/**
 * DomainError in the reader's language: `domainError(code, key, vars)` keeps the English text as its
 * message (what the widget API and the workflow callback answer, word for word) and the key and vars
 * for the admin, which shows `errorText(error, t)` in the staff member's language.
 */
import { describe, expect, test } from "vitest";
import {
  conversationClosed,
  conversationNotFound,
  DomainError,
  domainError,
  errorDetails,
  errorText,
} from "~/domain/conversations/errors";
import { transition } from "~/domain/conversations/state-machine";
import { readFaqCsv } from "~/domain/knowledge/csv.server";
import { translator } from "~/lib/i18n/catalog";

const en = translator("en");
const it = translator("it");

describe("a keyed DomainError", () => {
  test("renders in Italian and in English, its message staying the English text", () => {
    const error = domainError(
      "conflict",
      "errors.transfer.noAccess",
      { name: "Luca" },
      {
        details: { reason: "operator_deactivated" },
      },
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toBe("Luca no longer has access to the app.");
    expect(errorText(error, en)).toBe("Luca no longer has access to the app.");
    expect(errorText(error, it)).toBe("Luca non ha più accesso all'app.");
    // the code, the status and the details a client reads are unchanged
    expect(error).toMatchObject({ code: "conflict", status: 409, details: { reason: "operator_deactivated" } });
    expect(errorDetails(error, it)).toEqual({ reason: "operator_deactivated" });
  });

  test("numbers are written the reader's way; plurals follow the count", () => {
    const tooMany = domainError("invalid_request", "errors.ticket.replyTooLong", { max: 10_000 });
    expect(tooMany.message).toBe("The reply is longer than 10,000 characters.");
    expect(errorText(tooMany, it)).toBe("La risposta supera i 10.000 caratteri.");
    const rows = domainError("invalid_request", "errors.knowledge.importRowErrors", { count: 1 });
    expect(rows.message).toBe("1 row has an error: nothing was imported.");
    expect(errorText(rows, it)).toBe("1 riga contiene un errore: non è stato importato nulla.");
    expect(errorText(domainError("invalid_request", "errors.knowledge.importRowErrors", { count: 3 }), it)).toBe(
      "3 righe contengono errori: non è stato importato nulla.",
    );
  });

  test("the widget API's texts stay word for word", () => {
    expect(conversationNotFound().message).toBe("conversation not found");
    expect(conversationClosed()).toMatchObject({
      message: "the conversation is closed",
      code: "conflict",
      details: { reason: "conversation_closed" },
    });
    expect(domainError("conflict", "errors.conversation.clientMessageIdUsed").message).toBe(
      "clientMessageId already used",
    );
    expect(
      domainError("rate_limited", "errors.rateLimit.messages", { seconds: "3600" }, { retryAfterSeconds: 3600 }),
    ).toMatchObject({ message: "too many messages; retry in 3600 s", status: 429, retryAfterSeconds: 3600 });
    expect(errorText(conversationNotFound(), it)).toBe("Conversazione non trovata.");
  });

  test("a form field's message (details.fields) is the error's own, in the reader's language", () => {
    const error = domainError(
      "conflict",
      "errors.knowledge.duplicateQuestion",
      { locale: "it" },
      { fields: ["question"] },
    );
    const english = "Another FAQ entry already asks this question in it.";
    expect(error.message).toBe(english);
    expect(error.details).toEqual({ fields: { question: english } });
    expect(errorDetails(error, it)).toEqual({ fields: { question: "Un'altra voce FAQ ha già questa domanda in it." } });
  });

  test("an error without a key reads as its message in every language", () => {
    const plain = new DomainError("not_found", "conversation not found");
    expect(errorText(plain, it)).toBe("conversation not found");
    expect(errorDetails(plain, it)).toEqual({});
  });
});

describe("refusals made outside the error factory carry their key too", () => {
  test("the state machine: the English text as before, the key for the admin", () => {
    const closed = transition(
      { state: "closed", assigneeId: null, closeReason: "resolved" },
      { type: "take_over", actor: { type: "operator", id: "a" }, operatorId: "a" },
    );
    expect(closed).toMatchObject({
      ok: false,
      error: { code: "conversation_closed", message: "the conversation is closed; cannot take_over" },
    });
    if (closed.ok) throw new Error("refused");
    expect(it(closed.error.key, closed.error.vars)).toBe(
      "La conversazione è chiusa: non si può più prendere in carico.",
    );

    const queued = transition(
      { state: "queued", assigneeId: null, closeReason: null },
      { type: "transfer", actor: { type: "operator", id: "a" }, operatorId: "b" },
    );
    if (queued.ok) throw new Error("refused");
    expect(queued.error.message).toBe("cannot transfer a conversation in queued");
  });

  test("a CSV file the import cannot read", () => {
    const read = readFaqCsv(new TextEncoder().encode("key,answer\nk,An answer\n"));
    if (read.ok) throw new Error("refused");
    expect(read.message).toBe(
      "The first row must name the columns (key, question, phrasings, answer, tags, locale, enabled; question and answer are required): it lacks “question”.",
    );
    const error = domainError(read.code, read.key, read.vars);
    expect(errorText(error, it)).toBe(
      "La prima riga deve indicare le colonne (key, question, phrasings, answer, tags, locale, enabled; question e answer sono obbligatorie): manca “question”.",
    );
    const both = readFaqCsv(new TextEncoder().encode("key,colour\nk,red\n"));
    if (both.ok) throw new Error("refused");
    expect(both.message).toContain(": it lacks “question” and “answer”; it names unknown columns: “colour”.");
  });
});
