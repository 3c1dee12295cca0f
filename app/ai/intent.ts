/**
 * The built-in responder's intent router, the pure part: what a shopper message asks for, from its
 * words alone, in en, it, fr, de, es. Products and orders are then answered with the same tools as
 * the AI (./router.server.ts); questions go to the knowledge base; small talk and messages without
 * words get a short polite reply and never an FAQ answer.
 */
import { CONCEPTS, findConcepts, type Concept } from "./retrieval/concepts";
import { isStopWord, normalize, tokens, toLang, type Lang } from "./retrieval/text";

export type SmallTalk = "greeting" | "thanks" | "bye" | "ack";

export type Intent =
  | { kind: "empty" }
  | { kind: "small_talk"; type: SmallTalk }
  | { kind: "order"; orderNumber: string | null; email: string | null }
  | { kind: "product"; keywords: string[] }
  | { kind: "question" };

export interface HistoryMessage {
  role: "shopper" | "ai" | "operator" | "system";
  text: string;
}

/** Normalised text with single spaces, apostrophes as spaces ("where's" → "where s"). */
const flat = (text: string) =>
  normalize(text)
    .replace(/[’'`´]/g, " ")
    .replace(/[^\p{L}\p{N}#@]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

const SMALL_TALK: [SmallTalk, RegExp][] = [
  [
    "greeting",
    /^(hi|hey|hello|hiya|howdy|good (morning|afternoon|evening|day)|hallo|hi there|hello there|hey there|ciao|salve|buongiorno|buonasera|bonjour|bonsoir|salut|coucou|guten (tag|morgen|abend)|servus|moin|gruss gott|hola|buenas|buenos dias|buenas (tardes|noches))( (there|all|team|everyone|tandem))?$/,
  ],
  [
    "thanks",
    /^((ok |okay |great |perfect |super |perfetto |parfait |genial |prima )?(thanks|thank you|thx|ty|cheers|many thanks|thanks a lot|thank you so much|grazie|grazie mille|molte grazie|merci|merci beaucoup|danke|danke schon|vielen dank|gracias|muchas gracias|mil gracias))( (a lot|so much|very much|that helps|that helped|for your help|for the help|per l aiuto|pour votre aide|fur die hilfe|por tu ayuda|por la ayuda))*$/,
  ],
  [
    "bye",
    /^(bye|goodbye|bye bye|see you|see ya|ciao ciao|arrivederci|a presto|au revoir|a bientot|tschuss|tschus|auf wiedersehen|bis bald|adios|hasta luego|hasta pronto)$/,
  ],
  [
    "ack",
    /^(ok|okay|k|kk|alright|all right|fine|cool|great|perfect|nice|got it|i see|understood|va bene|ok grazie|perfetto|capito|d accord|parfait|entendu|alles klar|gut|verstanden|vale|perfecto|entendido|de acuerdo|vale gracias|yes|no|si|oui|non|ja|nein)$/,
  ],
];

const ORDER_NUMBER =
  /(?:#\s?(\d{3,10})\b|\b(?:order|ordine|commande|bestellung|bestellnummer|pedido|n|nr|no|numero|number|nummer)\s*(?:number|numero|nummer|n|nr|no)?\s*#?\s*(\d{3,10})\b)/i;
const EMAIL = /[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}/i;

/** "Where is my order?" and its kin: asking for the status of one's own order. */
const ORDER_STATUS: RegExp[] = [
  // en
  /\bwhere s? (is )?(my|our) (order|package|parcel|delivery|shipment|stuff)\b/,
  /\bwhere is (my|our|the) (order|package|parcel)\b/,
  /\btrack(ing)? (my|our|the|an) (order|package|parcel|shipment|delivery)\b/,
  /\btrack my package\b/,
  /\b(order|delivery|shipping) status\b/,
  /\bstatus (of|on) (my|our|the) (order|package|parcel|delivery)\b/,
  /\b(has|did|have|is) (my|our) (order|package|parcel|orders) (been )?(ship|shipped|left|dispatched|sent|gone out)/,

  // it
  /\bdov e (il )?(mio|nostro) (ordine|pacco|acquisto)\b/,
  /\bdove (e|sta) (il )?(mio|nostro) (ordine|pacco)\b/,
  /\bstato (del|dell|di) ?(mio )?(ordine|pacco|spedizione)\b/,
  /\b(tracciare|seguire|traccia) (il )?(mio )?(ordine|pacco)\b/,
  /\b(il )?mio ordine (e )?(gia )?(stato )?(partito|spedito|in viaggio)\b/,
  /\ba che punto e (il )?mio ordine\b/,
  // fr
  /\bou (est|en est) (ma|notre) (commande|colis|livraison)\b/,
  /\bsuivre (ma|notre) (commande|colis|livraison)\b/,
  /\bsuivi (de )?(ma|notre) (commande|colis)\b/,
  /\b(statut|etat) de (ma|notre) commande\b/,
  /\bma commande (est )?(elle )?(deja )?(partie|expediee|envoyee)\b/,
  // de
  /\bwo (ist|bleibt) (meine|unsere) (bestellung|lieferung|sendung)\b/,
  /\bwo (ist|bleibt) (mein|unser) paket\b/,
  /\b(status|stand) (meiner|unserer) (bestellung|lieferung)\b/,
  /\bbestellstatus\b/,
  /\b(wurde|ist) (meine|unsere) bestellung (schon |bereits )?(verschickt|versendet|unterwegs|raus)/,
  /\b(bestellung|sendung|paket) verfolgen\b/,
  // es
  /\bdonde (esta|anda) (mi|nuestro) (pedido|paquete|envio)\b/,
  /\bestado (de|del) (mi )?(pedido|envio|paquete)\b/,
  /\b(seguir|rastrear|localizar) (mi|el) (pedido|paquete|envio)\b/,
  /\b(ha salido|se ha enviado|ya salio|enviaron) (mi|el) pedido\b/,
  /\bmi pedido (ya )?(ha salido|fue enviado|esta en camino)\b/,
];

/**
 * Asking to see one's orders: an order question unless it is about a store policy ("can I return
 * the bindings from my last order?" is a returns question).
 */
const ORDER_LIST: RegExp[] = [
  /\b(show|list|see|check) (me )?(my|our) (recent |latest |last |past )?(order|orders|purchases)\b/,
  /\bmy (recent|latest|last) orders?\b/,
  /\bwhat did i order\b/,
  /\b(i )?miei (ultimi )?ordini\b/,
  /\bmes (dernieres )?commandes\b/,
  /\bmeine (letzten )?bestellungen\b/,
  /\bmis (ultimos )?pedidos\b/,
];

/** Asking for goods: "do you have …", "I'm looking for …", "how much is the …", "in stock". */
const PRODUCT_CUES: RegExp[] = [
  // en
  /\bdo you (have|sell|carry|stock|offer)\b/,
  /\bhave you got\b/,
  /\b(got|have you got) any\b/,
  /\bany\b.{1,40}\b(in stock|available)\b/,
  /\b(i m|i am|im) (looking|searching) for\b/,
  /\blooking for (a|an|some|the)\b/,
  /\b(show|recommend|suggest) (me )?(a|an|some|your|the|any)\b/,
  /\bwhich .{1,30} do you have\b/,
  /\bprice (of|for) (the|a|an|your)\b/,
  /\bhow much (is|are|does|do|for) (the|a|an|your|this|that|these|those)\b/,
  /\bwhat (does|do) (the|a|an|your) .{1,40} cost\b/,
  /\b(back )?in stock\b/,
  /\b(sold out|out of stock|restock)/,
  /\b(available|come|comes) in (size |colou?r )?\S+/,
  /\b(can|could) i (buy|order|get) (a|an|the|some)\b/,
  /\bi (want|would like|d like) to buy\b/,
  // it
  /\b(avete|vendete|tenete|trattate)\b/,
  /\b(cerco|sto cercando|cercavo)\b/,
  /\bquanto (costa|costano|viene)\b/,
  /\bprezzo (del|della|dei|delle|di)\b/,
  /\b(e|sono) disponibil[ei]\b/,
  /\b(torna|tornera) disponibile\b/,
  /\b(consigliate|consigliami|mi consigli)\b/,
  /\b(in magazzino|esaurit[oa])\b/,
  // fr
  /\b(avez vous|vous avez|vendez vous|vous vendez|proposez vous)\b/,
  /\bje (cherche|recherche)\b/,
  /\bcombien (coute|coutent)\b/,
  /\bprix (du|de la|des|de l)\b/,
  /\ben stock\b/,
  /\b(est|sont) (il |elle |ils |elles )?disponibles?\b/,
  /\b(recommandez|conseillez) (vous|moi)\b/,
  // de
  /\b(habt ihr|haben sie|fuhrt ihr|fuhren sie|verkauft ihr|verkaufen sie|gibt es bei euch)\b/,
  /\bich suche\b/,
  /\bwas (kostet|kosten)\b/,
  /\bpreis (des|der|von|fur)\b/,
  /\bauf lager\b/,
  /\b(wieder )?(verfugbar|lieferbar|vorratig)\b/,
  /\b(empfehlt|empfehlen sie)\b/,
  // es
  /\b(teneis|tienen|tienes|vendeis|venden)\b/,
  /\b(busco|estoy buscando)\b/,
  /\bcuanto (cuesta|cuestan|vale)\b/,
  /\bprecio (del|de la|de los|de las)\b/,
  /\b(esta|estan) disponibles?\b/,
  /\ben stock\b/,
  /\b(recomendais|recomiendan|me recomiendas)\b/,
];

/**
 * Topics that make a question a store-policy one even when it sounds like shopping ("how much is
 * shipping?", "do you have free returns?"): those go to the knowledge base.
 */
const POLICY_TOPICS: ReadonlySet<Concept> = new Set<Concept>([
  "ship",
  "destination",
  "return",
  "refund",
  "exchange",
  "warranty",
  "payment",
  "discount",
  "cancel",
  "lost",
  "track",
  "pickup",
  "hours",
  "privacy",
  "tax",
  "label",
  "compat",
]);

/** Words that only say "I want to buy": not what to search the catalogue for. */
const SHOPPING_WORDS = new Set(
  (
    "do you have sell carry stock offer got any looking searching look search for show recommend suggest which price prices how much cost costs what does available availability come comes back in stock sold out restock buy order get want would like need some please size colour color " +
    "avete vendete tenete trattate cerco sto cercando cercavo quanto costa costano viene prezzo disponibile disponibili torna tornera consigliate consigliami consigli magazzino esaurito esaurita taglia colore misura " +
    "avez vous vendez proposez cherche recherche combien coute coutent prix stock disponible disponibles recommandez conseillez taille couleur " +
    "habt ihr haben sie fuhrt fuhren verkauft verkaufen gibt es bei euch ich suche was kostet kosten preis lager wieder verfugbar lieferbar vorratig empfehlt empfehlen grosse farbe " +
    "teneis tienen tienes vendeis venden busco estoy buscando cuanto cuesta cuestan vale precio esta estan disponible disponibles recomendais recomiendan recomiendas talla color"
  ).split(" "),
);

/** Tokens that name a variant rather than a product: sizes, lengths, EU sizes. */
const VARIANT_TOKEN = /^(\d{1,3}|cm|mm|eu|us|uk|xxs|xs|s|m|l|xl|xxl|xxxl)$/;

export function smallTalk(text: string): SmallTalk | null {
  const t = flat(text)
    .replace(/[.!?,+-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const [type, re] of SMALL_TALK) if (re.test(t)) return type;
  return null;
}

/** No letters or digits at all: emoji, punctuation, symbols. */
export function hasNoWords(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

export function findOrderNumber(text: string): string | null {
  const m = ORDER_NUMBER.exec(text);
  const digits = m?.[1] ?? m?.[2];
  return digits ? `#${digits}` : null;
}

export function findEmail(text: string): string | null {
  return EMAIL.exec(text)?.[0].replace(/[.]+$/, "") ?? null;
}

function asksOrderStatus(text: string, topics: Concept[]): boolean {
  const t = flat(text);
  return ORDER_STATUS.some((re) => re.test(t)) || (topics.length === 0 && ORDER_LIST.some((re) => re.test(t)));
}

function policyTopics(text: string, lang: Lang): Concept[] {
  return findConcepts(text, lang)
    .map((m) => m.concept)
    .filter((c) => POLICY_TOPICS.has(c));
}

/**
 * What to search the catalogue for: the message's words without stop words, shopping words and
 * variant names; words of the commerce vocabulary's goods (a "casco", a "Jacke") in the catalogue's
 * language too.
 */
export function productKeywords(text: string, lang: Lang, catalogueLang: Lang = "en"): string[] {
  const words = tokens(normalize(text));
  const goods = findConcepts(text, lang).filter((m) => CONCEPTS[m.concept].kind === "object");
  const out: string[] = [];
  words.forEach((w, i) => {
    if (w.length < 2 || VARIANT_TOKEN.test(w) || SHOPPING_WORDS.has(w)) return;
    if (isStopWord(w, lang) || isStopWord(w, "en")) return;
    const concept = goods.find((g) => g.from <= i && i <= g.to)?.concept;
    if (concept === "order" || concept === "package" || concept === "place" || concept === "policy") return;
    const translated = concept ? normalize(CONCEPTS[concept].words[catalogueLang][0] ?? w) : null;
    out.push(w);
    if (translated && translated !== w && lang !== catalogueLang) out.push(translated);
  });
  return [...new Set(out)].slice(0, 6);
}

/** The most recent earlier shopper message that `pick` finds something in. */
function fromHistory<T>(history: HistoryMessage[], pick: (text: string) => T | null): T | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.role !== "shopper") continue;
    const found = pick(m.text);
    if (found) return found;
  }
  return null;
}

/** Whether the assistant's last reply asked for an order number or email. */
function askedForOrder(history: HistoryMessage[]): boolean {
  const last = [...history].reverse().find((m) => m.role === "ai");
  return (
    !!last &&
    /#1\d{3}|order number|numero d ordine|numero dell ordine|numero de commande|bestellnummer|numero de pedido|e ?mail|correo/i.test(
      flat(last.text),
    )
  );
}

export function classify(
  text: string,
  locale: string | null,
  history: HistoryMessage[] = [],
  catalogueLang: Lang = "en",
): Intent {
  if (hasNoWords(text)) return { kind: "empty" };
  const talk = smallTalk(text);
  if (talk) return { kind: "small_talk", type: talk };
  const lang = toLang(locale);

  const number = findOrderNumber(text);
  const email = findEmail(text);
  const topics = policyTopics(text, lang);
  const statusAsked = asksOrderStatus(text, topics);
  // An order number with a status question, or a number/email given when the assistant asked for them.
  if (statusAsked || (number && (email || topics.length === 0)) || ((number || email) && askedForOrder(history))) {
    return {
      kind: "order",
      orderNumber: number ?? fromHistory(history, findOrderNumber),
      email: email ?? fromHistory(history, findEmail),
    };
  }

  const t = flat(text);
  if (topics.length === 0 && PRODUCT_CUES.some((re) => re.test(t))) {
    let keywords = productKeywords(text, lang, catalogueLang);
    // "Is the 156 cm back in stock?": the product is the one asked about before.
    if (keywords.length === 0) {
      keywords =
        fromHistory(history, (h) => {
          const k = productKeywords(h, lang, catalogueLang);
          return k.length ? k : null;
        }) ?? [];
    }
    return { kind: "product", keywords };
  }
  return { kind: "question" };
}
