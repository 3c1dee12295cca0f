/**
 * Tokenising and light stemming for the languages the widget speaks (en, it, fr, de, es).
 * Deliberately small: lower-case, strip accents, split on non-letters, drop stop words, strip
 * the commonest inflectional suffixes per language, then map a few shop-domain synonyms onto one
 * form so that "parcel", "package" and "delivery" meet.
 */
export type Lang = "en" | "it" | "fr" | "de" | "es";

export const LANGS: readonly Lang[] = ["en", "it", "fr", "de", "es"];

export function toLang(locale: string | null | undefined): Lang {
  const base = (locale ?? "en").slice(0, 2).toLowerCase();
  return (LANGS as readonly string[]).includes(base) ? (base as Lang) : "en";
}

const STOP: Record<Lang, Set<string>> = {
  en: new Set(
    "a an the and or but if of to in on at by for with from as is are was were be been being am do does did doing have has had i me my mine we our you your he she it its they them their this that these those there here what which who whom when where why how can could should would will shall may might must not no yes so than too very just also about into over after before again any some all each more most other such only own same up down out off then once please hi hello thanks thank get got need want like know take takes tell im ive id dont does isnt".split(
      " ",
    ),
  ),
  it: new Set(
    "il lo la i gli le un uno una di a da in con su per tra fra e o ma se che chi cui non come dove quando quanto quanti quanta quante qual quale quali perche del dello della dei degli delle al allo alla ai agli alle dal dallo dalla dai dagli dalle nel nello nella nei negli nelle sul sullo sulla sui sugli sulle mi ti si ci vi ne io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua nostro vostro e ed ho hai ha abbiamo avete hanno sono sei siamo siete essere avere posso puoi puo possiamo potete vorrei voglio ciao grazie per favore".split(
      " ",
    ),
  ),
  fr: new Set(
    "le la les un une des de du d l a au aux et ou mais si que qui quoi dont ou quand comment combien quel quelle quels quelles pour par avec sans sur sous dans en ne pas plus je tu il elle nous vous ils elles me te se mon ma mes ton ta tes son sa ses notre votre leur est sont suis es etes etre avoir ai as avons avez ont peux peut pouvez puis veux voudrais bonjour merci svp ce cet cette ces y".split(
      " ",
    ),
  ),
  de: new Set(
    "der die das den dem des ein eine einen einem einer eines und oder aber wenn dass ob wer was wie wo wann warum wieviel welche welcher welches fur mit von zu zum zur bei aus nach uber unter in im an am auf ist sind bin bist seid sein war habe hast hat haben ich du er sie es wir ihr mein meine dein deine sein ihre unser euer kann kannst konnen mochte will nicht kein keine ja nein bitte danke hallo mir mich dir dich uns euch".split(
      " ",
    ),
  ),
  es: new Set(
    "el la los las un una unos unas de del al a en con sin por para sobre entre y o pero si que quien cual cuales como donde cuando cuanto cuanta cuantos cuantas no se me te le nos os les mi mis tu tus su sus nuestro vuestro es son soy eres somos estar estoy esta estan ser haber he ha han hay puedo puede pueden quiero quisiera hola gracias favor lo este esta estos estas".split(
      " ",
    ),
  ),
};

/** Suffixes tried longest first; the stem keeps at least 3 letters. */
const SUFFIXES: Record<Lang, string[]> = {
  en: [
    "ational",
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
    "e",
  ],
  it: [
    "azioni",
    "azione",
    "mente",
    "zioni",
    "zione",
    "iamo",
    "ando",
    "endo",
    "ati",
    "ate",
    "ato",
    "ata",
    "ire",
    "are",
    "ere",
    "i",
    "e",
    "a",
    "o",
  ],
  fr: [
    "ations",
    "ation",
    "ements",
    "ement",
    "ments",
    "ment",
    "euses",
    "euse",
    "eux",
    "ions",
    "ees",
    "ee",
    "er",
    "ez",
    "es",
    "s",
    "x",
    "e",
  ],
  de: ["ungen", "ung", "heit", "keit", "lich", "ern", "en", "er", "es", "em", "e", "n", "s"],
  es: [
    "aciones",
    "acion",
    "amente",
    "mente",
    "iones",
    "ion",
    "ando",
    "iendo",
    "ados",
    "adas",
    "ado",
    "ada",
    "ar",
    "er",
    "ir",
    "es",
    "os",
    "as",
    "s",
    "o",
    "a",
    "e",
  ],
};

export function stem(word: string, lang: Lang): string {
  for (const suffix of SUFFIXES[lang]) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * Shop-domain synonyms: each word (after normalising, before stemming) is mapped onto one canonical
 * word, so paraphrases meet the FAQ's wording. Multi-word phrases are rewritten first.
 */
const GROUPS: Record<Lang, Record<string, string[]>> = {
  en: {
    ship: [
      "arrive",
      "arrives",
      "arriving",
      "shipping",
      "shipped",
      "ships",
      "deliver",
      "delivery",
      "delivered",
      "deliveries",
      "dispatch",
      "dispatched",
      "postage",
      "leave",
      "leaves",
    ],
    cost: ["costs", "price", "fee", "fees", "charge", "charges", "charged"],
    free: ["gratis"],
    return: ["returns", "returning", "returned"],
    refund: ["refunds", "refunded", "reimburse", "reimbursed", "reimbursement"],
    exchange: ["swap", "switch", "exchanged"],
    warranty: [
      "guarantee",
      "guaranteed",
      "covered",
      "cover",
      "defect",
      "defects",
      "defective",
      "broke",
      "broken",
      "faulty",
    ],
    size: ["sizing", "sizes", "length", "fit", "fits", "bigger", "smaller"],
    pickup: ["pick", "collect", "collection", "store"],
    payment: ["pay", "payments", "paying", "card", "cards", "paypal", "klarna"],
    discount: ["promo", "coupon", "coupons", "voucher", "vouchers", "codes"],
    combine: ["stack", "stacking", "together", "multiple"],
    cancel: ["cancelled", "canceled", "cancellation", "modify"],
    package: ["parcel", "parcels", "packages", "shipment"],
    lost: ["missing", "never", "stuck", "moved"],
    support: ["service", "team", "agent", "agents", "staff", "chat"],
    hours: ["open", "opening", "available"],
    kids: ["kid", "child", "children", "son", "daughter", "boy", "girl", "junior"],
    countries: ["country", "usa", "canada", "america", "abroad", "international", "worldwide"],
    wax: ["waxing", "waxed", "rewax"],
    days: ["day", "soon", "quickly", "fast", "time", "today"],
    helmet: ["helmets", "head"],
    board: ["snowboard", "snowboards", "boards"],
    binding: ["bindings", "mount", "mounts"],
  },
  it: {
    spedizione: ["spedire", "spedite", "spedito", "spedizioni", "consegna", "consegnare", "arriva", "arrivare"],
    reso: ["resi", "restituire", "restituzione", "rendere", "rimborso"],
    garanzia: ["garanzie", "difetto", "difetti", "difettoso", "rotto"],
    pacco: ["pacchi", "ordine"],
    articolo: ["articoli", "prodotto", "prodotti"],
    giorni: ["giorno", "tempo"],
    tavola: ["tavole", "snowboard"],
  },
  fr: {
    livraison: ["expedition", "livrer", "envoi", "expedier"],
    retour: ["retourner", "retours", "rembourser", "remboursement"],
    garantie: ["defaut", "casse"],
  },
  de: {
    versand: ["lieferung", "liefern", "zustellung", "versenden"],
    rucksendung: ["zurucksenden", "ruckgabe", "umtausch", "erstattung"],
    garantie: ["gewahrleistung", "defekt"],
  },
  es: {
    envio: ["envios", "entrega", "enviar", "llega"],
    devolucion: ["devolver", "devoluciones", "reembolso"],
    garantia: ["defecto", "roto"],
  },
};

const PHRASES: Record<Lang, [RegExp, string][]> = {
  en: [
    [/\bsend (it |them |something |an item )?back\b/g, "return"],
    [/\bmoney back\b/g, "refund"],
    [/\bin[- ]store\b/g, "pickup"],
    [/\bpick(ed)? up\b/g, "pickup"],
    [/\byears? old\b/g, "kids"],
    [/\bcustomer service\b/g, "support"],
    [/\bhow long\b/g, "days"],
    [/\b(hasn t|has not|never|not|didn t) (arrived|come|came|turned up)\b/g, "lost"],
  ],
  it: [],
  fr: [],
  de: [],
  es: [],
};

const SYNONYMS: Record<Lang, Map<string, string>> = Object.fromEntries(
  (Object.keys(GROUPS) as Lang[]).map((lang) => {
    const map = new Map<string, string>();
    for (const [canonical, list] of Object.entries(GROUPS[lang])) for (const w of list) map.set(w, canonical);
    return [lang, map];
  }),
) as Record<Lang, Map<string, string>>;

export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase();
}

/** Words of a text (normalised, phrases and synonyms mapped, no stop words), before stemming. */
export function words(text: string, lang: Lang): string[] {
  let t = normalize(text).replace(/'/g, " ");
  for (const [re, to] of PHRASES[lang]) t = t.replace(re, to);
  return t
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP[lang].has(w))
    .map((w) => SYNONYMS[lang].get(w) ?? w);
}

/** Index terms of a text: words → stems. */
export function terms(text: string, lang: Lang): string[] {
  return words(text, lang).map((w) => stem(w, lang));
}
