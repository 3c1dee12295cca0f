/** Settings → SLA targets and Settings → Email. */
import type { Shape } from "../core";

export const en = {
  sla: {
    title: "SLA targets",
    back: "Settings",
    businessMin: "business min",
    tickets: "Tickets",
    ticketsDescription:
      "Counted in business hours (Settings → Business hours, holidays included). A warning comes at 80% of the time; 0 means no target. New and re-prioritised tickets use these targets.",
    saved: "SLA targets saved.",
    firstResponseOf: "{priority}: first response",
    resolutionOf: "{priority}: resolution",
    chats: "Queued chats",
    chatsDescription: "The first human reply to a shopper waiting in the queue.",
    firstResponse: "First response",
    breaches: "Breaches are recorded as they happen and count in Analytics.",
  },
};

export const it: Shape<typeof en> = {
  sla: {
    title: "Obiettivi SLA",
    back: "Impostazioni",
    businessMin: "min lavorativi",
    tickets: "Ticket",
    ticketsDescription:
      "Calcolati in orario lavorativo (Impostazioni → Orari di apertura, giorni di chiusura inclusi). Un avviso arriva all'80% del tempo; 0 significa nessun obiettivo. I ticket nuovi e quelli con priorità cambiata usano questi obiettivi.",
    saved: "Obiettivi SLA salvati.",
    firstResponseOf: "{priority}: prima risposta",
    resolutionOf: "{priority}: risoluzione",
    chats: "Chat in coda",
    chatsDescription: "La prima risposta di una persona a un cliente in attesa in coda.",
    firstResponse: "Prima risposta",
    breaches: "Le violazioni vengono registrate quando avvengono e contano nelle Statistiche.",
  },
};
