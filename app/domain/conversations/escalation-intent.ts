/**
 * Detects a shopper asking for a person, in en, it, fr, de and es. Pure and fast (regular
 * expressions over normalised text), so it runs on every shopper message before the AI is called.
 * Precision matters as much as recall: "is this product agent-free?" must not page an operator.
 * Measured on the labelled set in tests/unit/escalation-intent.data.ts (precision/recall printed by
 * tests/unit/escalation-intent.test.ts).
 */

/** Lowercases, strips accents and apostrophe variants, collapses whitespace. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’`´]/g, "'")
    .replace(/ß/g, "ss")
    .replace(/\s+/g, " ")
    .trim();
}

// Nouns for "a person who works there", per language.
const PERSON =
  "(?:human(?: being)?|real person|live person|person|agent|operator|representative|rep|someone|somebody|staff(?: member)?|customer (?:service|support|care)|support (?:team|agent|staff)|live (?:agent|chat|support)|" +
  "operatore|operatrice|persona(?: reale| vera| fisica)?|essere umano|umano|qualcuno|addetto|assistenza clienti|servizio clienti|" +
  "humain|etre humain|vraie personne|personne reelle|une personne|conseiller|conseillere|operateur|operatrice|quelqu'un|service client|" +
  "mensch(?:en)?|echte[nm]? (?:person|mensch(?:en)?)|mitarbeiter(?:in)?|berater(?:in)?|jemand(?:em|en)?|kundenservice|kundendienst|support|" +
  "humano|persona real|agente|operador(?:a)?|alguien|asesor(?:a)?|atencion al cliente|servicio al cliente)";

// Verbs and phrases that ask for contact, per language.
const ASK =
  "(?:talk|speak|chat|connect|transfer|put me through|get me|give me|want|need|like|can i|could i|may i|let me|call|reach|contact|escalate|" +
  "parlare|parlo|voglio|vorrei|passami|passatemi|mettermi in contatto|contattare|chiamare|posso|" +
  "parler|veux|voudrais|passez|passe-moi|contacter|joindre|puis-je|besoin|" +
  "sprechen|reden|mochte|will|verbinden|brauche|kann ich|erreichen|kontakt|" +
  "hablar|quiero|quisiera|necesito|pasame|paseme|comunicar|contactar|puedo)";

const STRONG = [
  // Explicit requests that need no second word.
  /\b(?:not|no|stop|enough|basta|pas|kein(?:en)?|ningun)\b.{0,12}\b(?:bot|robot|chatbot|machine|ia|ai|ki)\b/,
  /\bhuman (?:please|pls|now)\b/,
  /\b(?:don'?t|do not) want (?:a |to (?:talk|chat) (?:to|with) (?:a |the )?)?(?:bot|robot|chatbot|machine)\b/,
  /\b(?:real|live|actual) (?:human|person|agent)\b/,
  /\b(?:persona reale|persona vera|essere umano|vraie personne|vrai humain|etre humain|personne reelle|echte[nm]? (?:person|mensch(?:en)?)|persona real|ser humano)\b/,
  /\b(?:parler a quelqu'un|parlare con qualcuno|hablar con alguien|mit jemandem sprechen)\b/,
];

// Nouns used as product attributes or in unrelated senses: these never count.
const NOT_PERSON = [
  /\b(?:agent|human|operator)[- ](?:free|made|hair|grade|safe|readable|error|resources)\b/,
  /\b(?:agente|operatore|umano)[- ](?:libero|chimico|free)\b/,
  /\bfor (?:humans|people)\b/,
  /\bfree (?:agent|of)\b/,
  /\b(?:cleaning|chemical|shipping|travel|secret|real estate|bonding|leavening) agents?\b/,
  /\bagente (?:limpiador|quimico|de limpieza)\b/,
  /\b(?:personne ne|personalize|personalise|personal|personalizzare|personalizar|personalisieren)\b/,
  // Where, not whom: "collect in person", "ritiro di persona", "retrait en personne".
  /\b(?:in person|di persona|en personne|en persona|in persona)\b/,
];

const STANDALONE = new RegExp(
  `^(?:(?:a|an|the|un|una|uno|une|ein|eine|einen|el|la|il|lo)\\s)?${PERSON}(?:\\s(?:please|pls|per favore|por favor|s'il vous plait|svp|bitte|now|ora|adesso|maintenant|jetzt|ya|ahora))?[.!?]*$`,
);
const ASK_THEN_PERSON = new RegExp(`\\b${ASK}\\b.{0,40}\\b${PERSON}\\b`);
const PERSON_THEN_ASK = new RegExp(
  `\\b${PERSON}\\b.{0,15}\\b(?:please|per favore|por favor|bitte|svp|s'il vous plait)\\b`,
);

export interface IntentResult {
  escalate: boolean;
  /** Which rule fired (for metrics and tests), or null. */
  rule: "strong" | "standalone" | "ask_person" | null;
}

export function detectEscalationIntent(text: string): IntentResult {
  const t = normalise(text);
  if (t.length === 0 || t.length > 400) return { escalate: false, rule: null };
  if (STRONG.some((re) => re.test(t))) return { escalate: true, rule: "strong" };
  const cleaned = NOT_PERSON.reduce((acc, re) => acc.replace(re, " _ "), t);
  if (STANDALONE.test(cleaned)) return { escalate: true, rule: "standalone" };
  // Questions about whether the product has/is something are not requests.
  if (ASK_THEN_PERSON.test(cleaned) || PERSON_THEN_ASK.test(cleaned)) return { escalate: true, rule: "ask_person" };
  return { escalate: false, rule: null };
}

export function wantsPerson(text: string): boolean {
  return detectEscalationIntent(text).escalate;
}
