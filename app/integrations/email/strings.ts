/** The emails' words in the widget's five languages. Placeholders: {store} {number} {subject} {author}. */
import type { EmailKind, EmailLocale } from "./templates";

interface Template {
  subject: string;
  intro: string;
}

export type EmailStrings = Record<EmailKind, Template> & {
  team: string;
  open: string;
  replyHint: string;
  lookupHint: string;
};

const staff = {
  staff_queued_chat: {
    subject: "[{store}] A shopper is waiting and nobody is online",
    intro: "A shopper asked for a person and is waiting in the queue, but no operator is online.",
  },
  staff_ticket_created: {
    subject: "[{store}] New ticket {number}: {subject}",
    intro: "A new ticket {number} was opened: {subject}",
  },
  staff_ticket_replied: {
    subject: "[{store}] {number} has a reply from the requester",
    intro: "The requester replied to ticket {number} ({subject}):",
  },
};

export const EMAIL_STRINGS: Record<EmailLocale, EmailStrings> = {
  en: {
    ...staff,
    ticket_created: {
      subject: "[{number}] We received your request: {subject}",
      intro: "Thank you for contacting {store}. Your request has the number {number}; we will answer by email.",
    },
    ticket_reply: { subject: "Re: [{number}] {subject}", intro: "{author} answered your request {number}:" },
    test: { subject: "Test email from {store}", intro: "This is a test email: the SMTP settings of {store} work." },
    team: "The team",
    open: "Open in Tandem",
    replyHint: "To answer, simply reply to this email.",
    lookupHint: "You can check your request in the chat on our store with its number and your email address.",
  },
  it: {
    ...staff,
    ticket_created: {
      subject: "[{number}] Abbiamo ricevuto la tua richiesta: {subject}",
      intro: "Grazie per aver contattato {store}. La tua richiesta ha il numero {number}; ti risponderemo via email.",
    },
    ticket_reply: { subject: "Re: [{number}] {subject}", intro: "{author} ha risposto alla tua richiesta {number}:" },
    test: {
      subject: "Email di prova da {store}",
      intro: "Questa è un'email di prova: le impostazioni SMTP di {store} funzionano.",
    },
    team: "Il team",
    open: "Apri in Tandem",
    replyHint: "Per rispondere, rispondi semplicemente a questa email.",
    lookupHint: "Puoi controllare la tua richiesta nella chat del negozio con il suo numero e il tuo indirizzo email.",
  },
  fr: {
    ...staff,
    ticket_created: {
      subject: "[{number}] Nous avons reçu votre demande : {subject}",
      intro:
        "Merci d'avoir contacté {store}. Votre demande porte le numéro {number} ; nous vous répondrons par e-mail.",
    },
    ticket_reply: { subject: "Re: [{number}] {subject}", intro: "{author} a répondu à votre demande {number} :" },
    test: {
      subject: "E-mail de test de {store}",
      intro: "Ceci est un e-mail de test : les réglages SMTP de {store} fonctionnent.",
    },
    team: "L'équipe",
    open: "Ouvrir dans Tandem",
    replyHint: "Pour répondre, répondez simplement à cet e-mail.",
    lookupHint: "Vous pouvez suivre votre demande dans le chat de la boutique avec son numéro et votre adresse e-mail.",
  },
  de: {
    ...staff,
    ticket_created: {
      subject: "[{number}] Wir haben Ihre Anfrage erhalten: {subject}",
      intro:
        "Danke, dass Sie {store} kontaktiert haben. Ihre Anfrage hat die Nummer {number}; wir antworten per E-Mail.",
    },
    ticket_reply: { subject: "Re: [{number}] {subject}", intro: "{author} hat auf Ihre Anfrage {number} geantwortet:" },
    test: {
      subject: "Test-E-Mail von {store}",
      intro: "Dies ist eine Test-E-Mail: Die SMTP-Einstellungen von {store} funktionieren.",
    },
    team: "Das Team",
    open: "In Tandem öffnen",
    replyHint: "Um zu antworten, antworten Sie einfach auf diese E-Mail.",
    lookupHint: "Sie können Ihre Anfrage im Chat des Shops mit ihrer Nummer und Ihrer E-Mail-Adresse abrufen.",
  },
  es: {
    ...staff,
    ticket_created: {
      subject: "[{number}] Hemos recibido tu solicitud: {subject}",
      intro: "Gracias por contactar con {store}. Tu solicitud tiene el número {number}; te responderemos por correo.",
    },
    ticket_reply: { subject: "Re: [{number}] {subject}", intro: "{author} ha respondido a tu solicitud {number}:" },
    test: {
      subject: "Correo de prueba de {store}",
      intro: "Este es un correo de prueba: la configuración SMTP de {store} funciona.",
    },
    team: "El equipo",
    open: "Abrir en Tandem",
    replyHint: "Para responder, simplemente responde a este correo.",
    lookupHint: "Puedes consultar tu solicitud en el chat de la tienda con su número y tu dirección de correo.",
  },
};
