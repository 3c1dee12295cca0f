/**
 * The intent router's word lists and patterns (app/ai/intent.ts), in en, it, fr, de, es: small talk,
 * order numbers and e-mail addresses, order-status and order-list questions, product cues, the policy
 * topics, and the words that say "I want to buy" rather than what.
 */
import type { Concept } from "./retrieval/concepts";
import type { SmallTalk } from "./intent";

export const SMALL_TALK: [SmallTalk, RegExp][] = [
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

export const ORDER_NUMBER =
  /(?:#\s?(\d{3,10})\b|\b(?:order|ordine|commande|bestellung|bestellnummer|pedido|n|nr|no|numero|number|nummer)\s*(?:number|numero|nummer|n|nr|no)?\s*#?\s*(\d{3,10})\b)/i;
export const EMAIL = /[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}/i;

/** "Where is my order?" and its kin: asking for the status of one's own order. */
export const ORDER_STATUS: RegExp[] = [
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
export const ORDER_LIST: RegExp[] = [
  /\b(show|list|see|check) (me )?(my|our) (recent |latest |last |past )?(order|orders|purchases)\b/,
  /\bmy (recent|latest|last) orders?\b/,
  /\bwhat did i order\b/,
  /\b(i )?miei (ultimi )?ordini\b/,
  /\bmes (dernieres )?commandes\b/,
  /\bmeine (letzten )?bestellungen\b/,
  /\bmis (ultimos )?pedidos\b/,
];

/** Asking for goods: "do you have …", "I'm looking for …", "how much is the …", "in stock". */
export const PRODUCT_CUES: RegExp[] = [
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
export const POLICY_TOPICS: ReadonlySet<Concept> = new Set<Concept>([
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
export const SHOPPING_WORDS = new Set(
  (
    "do you have sell carry stock offer got any looking searching look search for show recommend suggest which price prices how much cost costs what does available availability come comes back in stock sold out restock buy order get want would like need some please size colour color " +
    "avete vendete tenete trattate cerco sto cercando cercavo quanto costa costano viene prezzo disponibile disponibili torna tornera consigliate consigliami consigli magazzino esaurito esaurita taglia colore misura " +
    "avez vous vendez proposez cherche recherche combien coute coutent prix stock disponible disponibles recommandez conseillez taille couleur " +
    "habt ihr haben sie fuhrt fuhren verkauft verkaufen gibt es bei euch ich suche was kostet kosten preis lager wieder verfugbar lieferbar vorratig empfehlt empfehlen grosse farbe " +
    "teneis tienen tienes vendeis venden busco estoy buscando cuanto cuesta cuestan vale precio esta estan disponible disponibles recomendais recomiendan recomiendas talla color"
  ).split(" "),
);

/** Tokens that name a variant rather than a product: sizes, lengths, EU sizes. */
export const VARIANT_TOKEN = /^(\d{1,3}|cm|mm|eu|us|uk|xxs|xs|s|m|l|xl|xxl|xxxl)$/;
