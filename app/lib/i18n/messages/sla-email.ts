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
  email: {
    title: "Email",
    back: "Settings",
    smtp: "Outgoing mail (SMTP)",
    smtpDescription:
      "Ticket confirmations and public replies are sent to shoppers through this server; staff notifications too. The password is stored encrypted and only ever sent to the server it was entered for.",
    host: "SMTP host",
    port: "Port",
    encryption: "Encryption",
    starttls: "STARTTLS (usually port 587)",
    tls: "TLS (usually port 465)",
    none: "None (allow-listed local servers only)",
    user: "User name",
    password: "Password",
    passwordStored: "A password is stored for this server; leave empty to keep it.",
    fromName: "Sender name",
    fromAddress: "Sender address",
    replyTo: "Reply-to address",
    replyToInbound:
      "Replies to ticket emails come back to the ticket through a per-ticket address; this one is used for other emails.",
    replyToNoInbound: "Where shoppers' replies go (inbound email is not configured on this server).",
    test: "Send a test email",
    testDescription: "Sends one email now with the saved settings.",
    sendTo: "Send to",
    sendTest: "Send test email",
    mine: "My notifications",
    mineDescription:
      "Email me when a shopper waits with nobody online, when a ticket is opened and when a requester replies.",
    mineCheckbox: "Email me about new chats and tickets",
    myEmail: "My email",
    saveMine: "Save my notifications",
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
  email: {
    title: "Email",
    back: "Impostazioni",
    smtp: "Posta in uscita (SMTP)",
    smtpDescription:
      "Le conferme dei ticket e le risposte pubbliche vengono inviate ai clienti tramite questo server, così come le notifiche al team. La password è conservata cifrata e viene inviata solo al server per cui è stata inserita.",
    host: "Host SMTP",
    port: "Porta",
    encryption: "Cifratura",
    starttls: "STARTTLS (di solito porta 587)",
    tls: "TLS (di solito porta 465)",
    none: "Nessuna (solo server locali autorizzati)",
    user: "Nome utente",
    password: "Password",
    passwordStored: "Per questo server è salvata una password; lascia vuoto per mantenerla.",
    fromName: "Nome del mittente",
    fromAddress: "Indirizzo del mittente",
    replyTo: "Indirizzo di risposta",
    replyToInbound:
      "Le risposte alle email dei ticket tornano al ticket tramite un indirizzo dedicato; questo viene usato per le altre email.",
    replyToNoInbound: "Dove arrivano le risposte dei clienti (la posta in arrivo non è configurata su questo server).",
    test: "Invia un'email di prova",
    testDescription: "Invia subito un'email con le impostazioni salvate.",
    sendTo: "Invia a",
    sendTest: "Invia email di prova",
    mine: "Le mie notifiche",
    mineDescription:
      "Inviami un'email quando un cliente aspetta e non c'è nessuno online, quando viene aperto un ticket e quando un richiedente risponde.",
    mineCheckbox: "Inviami un'email per nuove chat e nuovi ticket",
    myEmail: "La mia email",
    saveMine: "Salva le mie notifiche",
  },
};
