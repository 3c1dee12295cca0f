import { toLang, type Lang } from "./retrieval/text";

/** Texts of the built-in responder, in the widget's languages. */
const TEXT: Record<
  Lang,
  {
    unsure: string;
    person: string;
    ticket: string;
    greeting: string;
    also: string;
    handoff: string;
    /** The chat's (or visitor's) AI token budget is spent: only the help pages answer from here on. */
    budget: string;
    budgetPerson: string;
  }
> = {
  en: {
    unsure: "I'm not sure I can answer that. Would you like to talk to a person, or leave a message for our team?",
    person: "Talk to a person",
    ticket: "Leave a message",
    greeting: "Hi! Ask me about shipping, returns, sizing, payment or your order.",
    also: "Related:",
    handoff: "One moment, I am asking a person from our team to join.",
    budget: "I've reached my limit for this chat, so from here on I can only answer from our help pages.",
    budgetPerson: "For anything else, a person from our team can help: just ask.",
  },
  it: {
    unsure: "Non sono sicuro di poter rispondere. Vuoi parlare con una persona o lasciare un messaggio al nostro team?",
    person: "Voglio parlare con una persona",
    ticket: "Lascia un messaggio",
    greeting: "Ciao! Chiedimi di spedizioni, resi, taglie, pagamenti o del tuo ordine.",
    also: "Vedi anche:",
    handoff: "Un momento, chiedo a una persona del nostro team di unirsi.",
    budget:
      "Ho raggiunto il mio limite per questa chat: da qui in poi posso rispondere solo con le nostre pagine di aiuto.",
    budgetPerson: "Per tutto il resto può aiutarti una persona del nostro team: basta chiedere.",
  },
  fr: {
    unsure:
      "Je ne suis pas sûr de pouvoir répondre. Voulez-vous parler à une personne ou laisser un message à notre équipe ?",
    person: "Parler à une personne",
    ticket: "Laisser un message",
    greeting:
      "Bonjour ! Posez-moi vos questions sur la livraison, les retours, les tailles, le paiement ou votre commande.",
    also: "Voir aussi :",
    handoff: "Un instant, je demande à une personne de notre équipe de vous rejoindre.",
    budget:
      "J'ai atteint ma limite pour cette conversation : désormais, je ne peux répondre qu'à partir de nos pages d'aide.",
    budgetPerson: "Pour le reste, une personne de notre équipe peut vous aider : il suffit de le demander.",
  },
  de: {
    unsure:
      "Das kann ich leider nicht sicher beantworten. Möchten Sie mit einer Person sprechen oder unserem Team eine Nachricht hinterlassen?",
    person: "Einen Mitarbeiter, bitte",
    ticket: "Nachricht hinterlassen",
    greeting: "Hallo! Fragen Sie mich zu Versand, Rücksendungen, Größen, Zahlung oder Ihrer Bestellung.",
    also: "Siehe auch:",
    handoff: "Einen Moment, ich bitte eine Person aus unserem Team dazu.",
    budget:
      "Ich habe mein Limit für diesen Chat erreicht und kann ab jetzt nur noch mit unseren Hilfeseiten antworten.",
    budgetPerson: "Bei allem anderen hilft Ihnen gern eine Person aus unserem Team: fragen Sie einfach.",
  },
  es: {
    unsure: "No estoy seguro de poder responder. ¿Quieres hablar con una persona o dejar un mensaje a nuestro equipo?",
    person: "Hablar con una persona",
    ticket: "Dejar un mensaje",
    greeting: "¡Hola! Pregúntame sobre envíos, devoluciones, tallas, pagos o tu pedido.",
    also: "Ver también:",
    handoff: "Un momento, pido a una persona de nuestro equipo que se una.",
    budget:
      "He llegado a mi límite en este chat, así que a partir de ahora solo puedo responder con nuestras páginas de ayuda.",
    budgetPerson: "Para todo lo demás, una persona de nuestro equipo puede ayudarte: solo tienes que pedirlo.",
  },
};

export function fallbackText(locale: string | null) {
  return TEXT[toLang(locale)];
}

const GREETING =
  /^(hi|hey|hello|hallo|hola|ciao|salve|bonjour|salut|buongiorno|buenas|guten tag|good (morning|afternoon|evening))[\s!.,]*$/i;

export function isGreeting(text: string): boolean {
  return GREETING.test(text.trim());
}
