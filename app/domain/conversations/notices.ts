/**
 * System notices, in the widget's five languages. Pure. The shopper reads a notice in the chat's
 * language (its stored text); the stored payload names the notice and its values, so the operator's
 * transcript shows the same notice in the staff member's admin language (`noticeText`).
 */
export type NoticeKey =
  "queued" | "joined" | "offline" | "returned_to_ai" | "closed" | "ticket_created" | "transferred" | "ai_failed";

const TEXT: Record<string, Record<NoticeKey, string>> = {
  en: {
    queued: "Connecting you with a person. Please stay here.",
    joined: "{name} joined the chat.",
    offline: "Nobody is available right now. Leave your email and we will get back to you.",
    returned_to_ai: "You are chatting with the assistant again.",
    closed: "This conversation is closed.",
    ticket_created: "We created ticket {number}. We will reply by email.",
    transferred: "{name} took over the chat.",
    ai_failed: "Sorry, I could not answer that. Let me find a person for you.",
  },
  it: {
    queued: "Ti stiamo mettendo in contatto con una persona. Resta qui.",
    joined: "{name} è entrato nella chat.",
    offline: "Al momento non c'è nessuno disponibile. Lasciaci la tua email e ti risponderemo.",
    returned_to_ai: "Stai di nuovo parlando con l'assistente.",
    closed: "Questa conversazione è chiusa.",
    ticket_created: "Abbiamo creato il ticket {number}. Ti risponderemo via email.",
    transferred: "{name} ha preso in carico la chat.",
    ai_failed: "Mi dispiace, non so rispondere. Ti cerco una persona.",
  },
  fr: {
    queued: "Nous vous mettons en relation avec une personne. Restez ici.",
    joined: "{name} a rejoint la conversation.",
    offline: "Personne n'est disponible pour le moment. Laissez votre e-mail et nous vous répondrons.",
    returned_to_ai: "Vous discutez de nouveau avec l'assistant.",
    closed: "Cette conversation est terminée.",
    ticket_created: "Nous avons créé le ticket {number}. Nous vous répondrons par e-mail.",
    transferred: "{name} a repris la conversation.",
    ai_failed: "Désolé, je ne peux pas répondre. Je cherche une personne pour vous.",
  },
  de: {
    queued: "Wir verbinden Sie mit einer Person. Bitte bleiben Sie hier.",
    joined: "{name} ist dem Chat beigetreten.",
    offline: "Gerade ist niemand erreichbar. Hinterlassen Sie Ihre E-Mail, wir melden uns.",
    returned_to_ai: "Sie chatten wieder mit dem Assistenten.",
    closed: "Dieses Gespräch ist beendet.",
    ticket_created: "Wir haben das Ticket {number} erstellt. Wir antworten per E-Mail.",
    transferred: "{name} hat den Chat übernommen.",
    ai_failed: "Das kann ich leider nicht beantworten. Ich suche eine Person für Sie.",
  },
  es: {
    queued: "Te estamos conectando con una persona. Quédate aquí.",
    joined: "{name} se ha unido al chat.",
    offline: "Ahora no hay nadie disponible. Déjanos tu email y te responderemos.",
    returned_to_ai: "Vuelves a hablar con el asistente.",
    closed: "Esta conversación está cerrada.",
    ticket_created: "Hemos creado el ticket {number}. Te responderemos por email.",
    transferred: "{name} se ha hecho cargo del chat.",
    ai_failed: "Lo siento, no puedo responder a eso. Busco a una persona para ti.",
  },
};

export function notice(locale: string | null | undefined, key: NoticeKey, vars: Record<string, string> = {}): string {
  const lang = (locale ?? "en").slice(0, 2).toLowerCase();
  const template = (TEXT[lang] ?? TEXT.en!)[key];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");
}

const NOTICE_KEYS = new Set<string>(Object.keys(TEXT.en!));

/** The stored payload of a system notice: which notice, with which values. */
export function noticePayload(key: NoticeKey, vars: Record<string, string> = {}): string {
  return JSON.stringify({ notice: { key, vars } });
}

/** A system message's notice in `locale`, from its payload; null for any other message. */
export function noticeText(
  message: { role: string; payload: string | null },
  locale: string | null | undefined,
): string | null {
  if (message.role !== "system" || !message.payload) return null;
  try {
    const parsed = JSON.parse(message.payload) as { notice?: { key?: unknown; vars?: unknown } };
    const key = parsed.notice?.key;
    if (typeof key !== "string" || !NOTICE_KEYS.has(key)) return null;
    const raw = parsed.notice?.vars;
    const vars: Record<string, string> = {};
    if (raw && typeof raw === "object")
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === "string") vars[k] = v;
    return notice(locale, key as NoticeKey, vars);
  } catch {
    return null;
  }
}
