import { toLang, type Lang } from "./retrieval/text";

/** Texts of the built-in responder, in the widget's languages. */
interface Texts {
  unsure: string;
  person: string;
  ticket: string;
  greeting: string;
  also: string;
  handoff: string;
  /** The chat's (or visitor's) AI token budget is spent: only the help pages answer from here on. */
  budget: string;
  budgetPerson: string;
  thanks: string;
  bye: string;
  ack: string;
  empty: string;
  productsFound: string;
  productNone: string;
  productWhich: string;
  inStock: string;
  soldOut: string;
  alsoAvailable: string;
  noSuchVariant: string;
  ordersFound: string;
  orderFound: string;
  ordersNone: string;
  orderAsk: string;
  orderAskEmail: string;
  orderAskNumber: string;
  orderNotFound: string;
  orderLimited: string;
  unavailable: string;
  /** Order statuses as Shopify reports them (lower case), in the shopper's language. */
  status: Record<string, string>;
}

const TEXT: Record<Lang, Texts> = {
  en: {
    unsure: "I'm not sure I can answer that. Would you like to talk to a person, or leave a message for our team?",
    person: "Talk to a person",
    ticket: "Leave a message",
    greeting: "Hi! Ask me about shipping, returns, sizing, payment or your order.",
    also: "Related:",
    handoff: "One moment, I am asking a person from our team to join.",
    budget: "I've reached my limit for this chat, so from here on I can only answer from our help pages.",
    budgetPerson: "For anything else, a person from our team can help: just ask.",

    thanks: "You're welcome! Is there anything else I can help with?",
    bye: "Goodbye, and thanks for stopping by!",
    ack: "Is there anything else I can help with?",
    empty: "How can I help? Ask me about a product, your order, shipping or returns.",
    productsFound: "Here is what I found:",
    productNone: "I couldn't find that in our catalogue. Would you like to talk to a person?",
    productWhich: "Which product do you mean? Tell me its name and I'll check price and stock.",
    inStock: "in stock",
    soldOut: "sold out",
    alsoAvailable: "Available:",
    noSuchVariant: "doesn't come in",
    ordersFound: "Here are your latest orders:",
    orderFound: "Here is your order:",
    ordersNone: "I can't find any orders on your account.",
    orderAsk:
      "I can check that for you. Please tell me your order number (for example #1001) and the email address you used for the order.",
    orderAskEmail: "Thanks! Please also tell me the email address you used for that order.",
    orderAskNumber: "Thanks! Please also tell me the order number (for example #1001).",
    orderNotFound: "I couldn't find an order with that number and email. Please check both, or talk to a person.",
    orderLimited: "I can't look up more orders in this chat right now. A person from our team can help.",
    unavailable: "I can't look that up right now. Would you like to talk to a person?",
    status: {
      fulfilled: "shipped",
      unfulfilled: "being prepared",
      "in transit": "in transit",
      delivered: "delivered",
      "partially fulfilled": "partly shipped",
      "out for delivery": "out for delivery",
    },
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

    thanks: "Prego! Posso aiutarti in altro?",
    bye: "Arrivederci e grazie della visita!",
    ack: "Posso aiutarti in altro?",
    empty: "Come posso aiutarti? Chiedimi di un prodotto, del tuo ordine, di spedizioni o resi.",
    productsFound: "Ecco cosa ho trovato:",
    productNone: "Non l'ho trovato nel nostro catalogo. Vuoi parlare con una persona?",
    productWhich: "Quale prodotto intendi? Dimmi il nome e controllo prezzo e disponibilità.",
    inStock: "disponibile",
    soldOut: "esaurito",
    alsoAvailable: "Disponibili:",
    noSuchVariant: "non è disponibile in",
    ordersFound: "Ecco i tuoi ultimi ordini:",
    orderFound: "Ecco il tuo ordine:",
    ordersNone: "Non trovo ordini sul tuo account.",
    orderAsk: "Posso controllare. Dimmi il numero d'ordine (per esempio #1001) e l'email usata per l'ordine.",
    orderAskEmail: "Grazie! Dimmi anche l'email usata per quell'ordine.",
    orderAskNumber: "Grazie! Dimmi anche il numero d'ordine (per esempio #1001).",
    orderNotFound: "Non trovo un ordine con quel numero e quell'email. Controlla entrambi o parla con una persona.",
    orderLimited: "Non posso cercare altri ordini in questa chat adesso. Una persona del nostro team può aiutarti.",
    unavailable: "Non riesco a verificarlo adesso. Vuoi parlare con una persona?",
    status: {
      fulfilled: "spedito",
      unfulfilled: "in preparazione",
      "in transit": "in viaggio",
      delivered: "consegnato",
      "partially fulfilled": "spedito in parte",
      "out for delivery": "in consegna",
    },
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

    thanks: "Avec plaisir ! Puis-je vous aider pour autre chose ?",
    bye: "Au revoir et merci de votre visite !",
    ack: "Puis-je vous aider pour autre chose ?",
    empty:
      "Comment puis-je vous aider ? Posez-moi une question sur un produit, votre commande, la livraison ou les retours.",
    productsFound: "Voici ce que j'ai trouvé :",
    productNone: "Je ne l'ai pas trouvé dans notre catalogue. Voulez-vous parler à une personne ?",
    productWhich: "De quel produit parlez-vous ? Donnez-moi son nom et je vérifie le prix et le stock.",
    inStock: "en stock",
    soldOut: "épuisé",
    alsoAvailable: "Disponibles :",
    noSuchVariant: "n'existe pas en",
    ordersFound: "Voici vos dernières commandes :",
    orderFound: "Voici votre commande :",
    ordersNone: "Je ne trouve aucune commande sur votre compte.",
    orderAsk:
      "Je peux vérifier. Indiquez-moi votre numéro de commande (par exemple #1001) et l'e-mail utilisé pour la commande.",
    orderAskEmail: "Merci ! Indiquez-moi aussi l'e-mail utilisé pour cette commande.",
    orderAskNumber: "Merci ! Indiquez-moi aussi le numéro de commande (par exemple #1001).",
    orderNotFound:
      "Je ne trouve pas de commande avec ce numéro et cet e-mail. Vérifiez les deux ou parlez à une personne.",
    orderLimited:
      "Je ne peux pas rechercher d'autres commandes dans ce chat pour le moment. Une personne de notre équipe peut vous aider.",
    unavailable: "Je ne peux pas le vérifier pour le moment. Voulez-vous parler à une personne ?",
    status: {
      fulfilled: "expédiée",
      unfulfilled: "en préparation",
      "in transit": "en transit",
      delivered: "livrée",
      "partially fulfilled": "expédiée en partie",
      "out for delivery": "en cours de livraison",
    },
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

    thanks: "Gern geschehen! Kann ich sonst noch helfen?",
    bye: "Auf Wiedersehen und danke für Ihren Besuch!",
    ack: "Kann ich sonst noch helfen?",
    empty: "Wie kann ich helfen? Fragen Sie mich zu einem Produkt, Ihrer Bestellung, Versand oder Rücksendungen.",
    productsFound: "Das habe ich gefunden:",
    productNone: "Das habe ich in unserem Katalog nicht gefunden. Möchten Sie mit einer Person sprechen?",
    productWhich: "Welches Produkt meinen Sie? Nennen Sie mir den Namen, dann prüfe ich Preis und Bestand.",
    inStock: "auf Lager",
    soldOut: "ausverkauft",
    alsoAvailable: "Verfügbar:",
    noSuchVariant: "gibt es nicht in",
    ordersFound: "Hier sind Ihre letzten Bestellungen:",
    orderFound: "Hier ist Ihre Bestellung:",
    ordersNone: "Ich finde keine Bestellungen in Ihrem Konto.",
    orderAsk:
      "Das prüfe ich gern. Bitte nennen Sie mir Ihre Bestellnummer (zum Beispiel #1001) und die E-Mail-Adresse der Bestellung.",
    orderAskEmail: "Danke! Bitte nennen Sie mir auch die E-Mail-Adresse dieser Bestellung.",
    orderAskNumber: "Danke! Bitte nennen Sie mir auch die Bestellnummer (zum Beispiel #1001).",
    orderNotFound:
      "Ich finde keine Bestellung mit dieser Nummer und E-Mail-Adresse. Bitte prüfen Sie beides oder sprechen Sie mit einer Person.",
    orderLimited:
      "In diesem Chat kann ich gerade keine weiteren Bestellungen suchen. Eine Person aus unserem Team hilft Ihnen.",
    unavailable: "Das kann ich gerade nicht nachsehen. Möchten Sie mit einer Person sprechen?",
    status: {
      fulfilled: "versandt",
      unfulfilled: "in Vorbereitung",
      "in transit": "unterwegs",
      delivered: "zugestellt",
      "partially fulfilled": "teilweise versandt",
      "out for delivery": "in Zustellung",
    },
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

    thanks: "¡De nada! ¿Puedo ayudarte en algo más?",
    bye: "¡Adiós y gracias por tu visita!",
    ack: "¿Puedo ayudarte en algo más?",
    empty: "¿En qué puedo ayudarte? Pregúntame por un producto, tu pedido, envíos o devoluciones.",
    productsFound: "Esto es lo que he encontrado:",
    productNone: "No lo he encontrado en nuestro catálogo. ¿Quieres hablar con una persona?",
    productWhich: "¿Qué producto quieres decir? Dime su nombre y compruebo precio y disponibilidad.",
    inStock: "disponible",
    soldOut: "agotado",
    alsoAvailable: "Disponibles:",
    noSuchVariant: "no existe en",
    ordersFound: "Estos son tus últimos pedidos:",
    orderFound: "Este es tu pedido:",
    ordersNone: "No encuentro pedidos en tu cuenta.",
    orderAsk:
      "Puedo comprobarlo. Dime tu número de pedido (por ejemplo #1001) y el correo electrónico que usaste para el pedido.",
    orderAskEmail: "¡Gracias! Dime también el correo electrónico que usaste para ese pedido.",
    orderAskNumber: "¡Gracias! Dime también el número de pedido (por ejemplo #1001).",
    orderNotFound: "No encuentro un pedido con ese número y ese correo. Comprueba ambos o habla con una persona.",
    orderLimited: "Ahora no puedo buscar más pedidos en este chat. Una persona de nuestro equipo puede ayudarte.",
    unavailable: "Ahora no puedo consultarlo. ¿Quieres hablar con una persona?",
    status: {
      fulfilled: "enviado",
      unfulfilled: "en preparación",
      "in transit": "en tránsito",
      delivered: "entregado",
      "partially fulfilled": "enviado en parte",
      "out for delivery": "en reparto",
    },
  },
};

export function fallbackText(locale: string | null) {
  return TEXT[toLang(locale)];
}
