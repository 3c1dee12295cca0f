/**
 * The concepts' words and phrases in the widget's five languages (./concepts.ts explains how they
 * are matched). Each language's entries are one comma-separated list: whole normalised words or
 * word sequences; "*" stands for one or two words of any kind ("send * back").
 */
import type { Lang } from "./text";

export type ConceptKind = "topic" | "object";

export interface ConceptDef {
  kind: ConceptKind;
  words: Record<Lang, string[]>;
}

const C = (kind: ConceptKind, lists: Record<Lang, string>): ConceptDef => ({
  kind,
  words: Object.fromEntries(
    Object.entries(lists).map(([lang, list]) => [lang, list.split(",").map((w) => w.trim())]),
  ) as Record<Lang, string[]>,
});

export const CONCEPTS = {
  ship: C("topic", {
    en: "ship, shipping, shipped, shipment, deliver, delivery, delivered, deliveries, postage, dispatch, dispatched, courier, arrive, arrival, transit, send, sent, get here, go out, leave the warehouse",
    it: "quando arriva, spedizione, spedizioni, spedire, spedite, spedito, consegna, consegne, consegnare, corriere, arrivare, arriva, arrivo, invio, inviare",
    fr: "livraison, livraisons, livrer, livrez, livré, expédition, expédier, expédiez, envoi, envoyer, transporteur, arriver, arrive",
    de: "versand, versenden, versendet, verschicken, verschickt, lieferung, liefern, liefert, lieferzeit, zustellung, zustellen, ankommen, kommt an",
    es: "envío, envíos, enviar, enviáis, enviado, entrega, entregar, mensajería, llegar, llega, hacéis envíos",
  }),
  time: C("topic", {
    en: "how long, how soon, how quickly, how fast, how many days, days, weeks, quickly, soon, when will, when does, take, delivery time, lead time",
    it: "quanto tempo, quanti giorni, giorni, tempo, tempi, presto, quando arriva, entro quando, ci mette, ci vogliono",
    fr: "combien de temps, combien de jours, jours, délai, délais, temps, rapidement, quand",
    de: "wie lange, wie schnell, tage, dauert, dauer, schnell, wann, lieferzeit",
    es: "cuánto tarda, cuánto tiempo, cuántos días, días, tarda, tardan, tiempo, pronto, cuándo",
  }),
  cost: C("topic", {
    en: "cost, costs, price, prices, fee, fees, charge, charges, how much, pay for, free, expensive, cheap",
    it: "costo, costi, costa, costano, prezzo, prezzi, tariffa, gratis, gratuita, gratuito, quanto costa, pagare la",
    fr: "coût, coûte, coûts, frais, prix, tarif, gratuit, gratuite, combien coûte",
    de: "kosten, kostet, preis, preise, gebühr, gebühren, kostenlos, gratis, versandkostenfrei",
    es: "coste, costo, cuesta, cuestan, precio, precios, tarifa, gratis, gratuito, gratuita",
  }),
  destination: C("topic", {
    en: "country, countries, abroad, international, internationally, worldwide, outside, overseas, outside europe",
    it: "paese, paesi, estero, internazionale, fuori, all estero",
    fr: "pays, étranger, international, internationale, hors, à l étranger",
    de: "land, länder, ausland, international, außerhalb, ins ausland",
    es: "país, países, extranjero, internacional, fuera, al extranjero",
  }),
  place: C("object", {
    en: "europe, eu, usa, america, united states, canada, australia, uk, britain, england, switzerland, norway, japan, austria, germany, france, spain, italy, belgium, netherlands",
    it: "europa, ue, stati uniti, america, svizzera, germania, francia, spagna, italia, austria, regno unito, inghilterra, belgio, olanda",
    fr: "europe, ue, états unis, amérique, suisse, allemagne, espagne, italie, autriche, royaume uni, angleterre, belgique, france, canada",
    de: "europa, eu, usa, amerika, schweiz, deutschland, österreich, frankreich, spanien, italien, england, belgien, niederlande",
    es: "europa, ue, estados unidos, américa, suiza, alemania, francia, españa, italia, austria, reino unido, inglaterra, bélgica",
  }),
  policy: C("object", {
    en: "policy, policies, terms, conditions, rules",
    it: "politica, politiche, condizioni, regole",
    fr: "politique, politiques, conditions, règles",
    de: "richtlinie, richtlinien, bedingungen, agb, regeln",
    es: "política, políticas, condiciones, normas",
  }),
  return: C("topic", {
    en: "return, returns, returning, returned, send back, sent back, send it back, give back, send * back, give * back, bring * back, take * back, bring back, return label",
    it: "reso, resi, restituire, restituisco, restituzione, rendere, rimandare, ridare",
    fr: "retour, retours, retourner, retourne, renvoyer, rendre, retourné",
    de: "rücksendung, rücksenden, zurücksenden, zurückgeben, zurückschicken, schicke * zurück, sende * zurück, gebe * zurück, rückgabe, retoure, retour, zurück",
    es: "devolución, devoluciones, devolver, devuelvo, devolverlo, retorno",
  }),
  refund: C("topic", {
    en: "refund, refunds, refunded, reimburse, reimbursed, reimbursement, money back, my money, credited, credit back",
    it: "rimborso, rimborsi, rimborsare, rimborsato, soldi indietro",
    fr: "remboursement, rembourser, remboursé, remboursée",
    de: "erstattung, erstatten, rückerstattung, geld zurück, erstattet",
    es: "reembolso, reembolsos, reembolsar, reembolsado, devolución del dinero",
  }),
  exchange: C("topic", {
    en: "exchange, exchanges, swap, trade, replace, instead, different size, another size, larger one, bigger one, smaller one, shorter one, longer one",
    it: "cambio, cambiare, sostituire, sostituzione, altra taglia, altra misura",
    fr: "échange, échanger, remplacer, autre taille",
    de: "umtausch, umtauschen, tauschen, austauschen, andere größe",
    es: "cambio, cambiar, sustituir, otra talla",
  }),
  warranty: C("topic", {
    en: "warranty, warranties, guarantee, guaranteed, defect, defects, defective, faulty, broken, broke, fell apart, damaged, cracked",
    it: "garanzia, garanzie, difetto, difetti, difettoso, rotto, rotti, rotta, rotte, danneggiato",
    fr: "garantie, garanties, défaut, défauts, défectueux, cassé, cassée, endommagé",
    de: "garantie, gewährleistung, defekt, defekte, kaputt, mangel, beschädigt",
    es: "garantía, garantías, defecto, defectos, defectuoso, roto, rota, dañado",
  }),
  size: C("topic", {
    en: "size, sizes, sizing, fit, fits, length, measure, measurement, circumference, tall, height, weight, kg, heavy, light, which size, what size",
    it: "taglia, taglie, misura, misure, lunghezza, altezza, peso, alto, pesante",
    fr: "taille, tailles, longueur, mesure, mesurer, poids, grand, lourd",
    de: "größe, größen, länge, snowboardlänge, passt, passen, messen, gewicht, groß, schwer",
    es: "talla, tallas, tamaño, medida, longitud, altura, peso, alto, pesado",
  }),
  compat: C("topic", {
    en: "compatible, compatibility, mount, mounting, mounts, insert, inserts, channel, 4x4, 2x4, work with, fit my, fit any, fit on, fits any, fits my",
    it: "compatibile, compatibili, compatibilità, montaggio, montare",
    fr: "compatible, compatibles, compatibilité, montage, monter",
    de: "kompatibel, kompatibilität, montage, montieren, passen auf, passt auf",
    es: "compatible, compatibles, compatibilidad, montaje, montar",
  }),
  payment: C("topic", {
    en: "pay, paying, payment, payments, card, credit card, debit card, paypal, klarna, apple pay, google pay, shop pay, visa, mastercard, amex, american express, installments, instalments",
    it: "pagare, pagamento, pagamenti, carta di credito, bancomat, rate, a rate, paypal, klarna",
    fr: "payer, paiement, paiements, carte bancaire, carte de crédit, plusieurs fois, paypal, klarna",
    de: "bezahlen, zahlen, zahlung, zahlungsart, zahlungsarten, zahlungsmethoden, kreditkarte, ratenzahlung, paypal, klarna",
    es: "pagar, pago, pagos, formas de pago, tarjeta de crédito, a plazos, paypal, klarna",
  }),
  discount: C("topic", {
    en: "discount, discounts, coupon, coupons, promo, promo code, voucher code, discount code, code, codes",
    it: "sconto, sconti, codice sconto, codici, codice, coupon, promozione",
    fr: "réduction, réductions, remise, code promo, codes promo, code, codes, coupon",
    de: "rabatt, rabatte, rabattcode, gutscheincode, code, codes, coupon",
    es: "descuento, descuentos, cupón, cupones, código, códigos, código promocional",
  }),
  giftcard: C("topic", {
    en: "gift card, gift cards, giftcard, gift voucher, gift certificate",
    it: "carta regalo, carte regalo, buono regalo, gift card",
    fr: "carte cadeau, cartes cadeaux, carte cadeaux, chèque cadeau, bon cadeau",
    de: "geschenkkarte, geschenkkarten, geschenkgutschein, gutschein, gutscheine",
    es: "tarjeta regalo, tarjetas regalo, cheque regalo, vale regalo",
  }),
  cancel: C("topic", {
    en: "cancel, cancelled, canceled, cancellation, modify, change my order, change the address, edit my order, amend, mistake, add an item",
    it: "annullare, annullo, annullamento, cancellare, modificare, modifica, cambiare l ordine, errore",
    fr: "annuler, annulation, modifier, modification, changer ma commande, erreur",
    de: "stornieren, storno, stornierung, ändern, abbestellen, fehler",
    es: "cancelar, anular, cancelación, modificar, cambiar mi pedido, error",
  }),
  lost: C("topic", {
    en: "lost, missing, never arrived, not arrived, hasn t arrived, has not arrived, didn t arrive, never came, never showed up, not received, haven t received, no movement, hasn t moved, hasn t updated, stuck, got lost",
    it: "perso, smarrito, mai arrivato, non è arrivato, non e arrivato, non arrivato, non ricevuto, non l ho ricevuto",
    fr: "perdu, égaré, jamais arrivé, pas arrivé, pas reçu, jamais reçu",
    de: "verloren, nicht angekommen, nie angekommen, nicht erhalten, verschwunden",
    es: "perdido, extraviado, no ha llegado, no llegó, nunca llegó, no he recibido",
  }),
  track: C("topic", {
    en: "track, tracking, tracked, tracking number",
    it: "tracciamento, tracking, tracciare, spedizione tracciata",
    fr: "suivi, suivre, numéro de suivi",
    de: "sendungsverfolgung, verfolgen, sendungsnummer, tracking",
    es: "seguimiento, rastrear, rastreo, número de seguimiento",
  }),
  pickup: C("topic", {
    en: "pick up, pick * up, pickup, collect, collection, click and collect, in store, in person, store, shop, showroom, grab",
    it: "ritiro, ritirare, ritiro in negozio, negozio, di persona",
    fr: "retrait, retirer, récupérer, boutique, magasin, en personne",
    de: "abholen, abholung, laden, geschäft, filiale, persönlich",
    es: "recoger, recogida, tienda, en persona",
  }),
  hours: C("topic", {
    en: "opening hours, hours, open, opening, staffed, support, customer service, customer support, team, reach, working hours",
    it: "orari, orario, aperti, apertura, assistenza, servizio clienti, a che ora",
    fr: "horaires, horaire, ouvert, ouverture, service client",
    de: "öffnungszeiten, geöffnet, erreichbar, kundenservice, kundendienst",
    es: "horario, horarios, abierto, abiertos, atención al cliente, servicio de atención",
  }),
  privacy: C("topic", {
    en: "privacy, personal data, my data, data, gdpr, delete, deleted, deletion, chat history, transcript, transcripts, keep my",
    it: "privacy, dati personali, dati, cancellazione, eliminare",
    fr: "confidentialité, données personnelles, données, supprimer, suppression, rgpd",
    de: "datenschutz, persönliche daten, daten, löschen, dsgvo",
    es: "privacidad, datos personales, datos, borrar, eliminar",
  }),
  tax: C("topic", {
    en: "vat, tax, taxes, duties, duty, customs, included",
    it: "iva, tasse, dogana, dazi, inclusa",
    fr: "tva, taxes, douane, droits de douane, incluse",
    de: "mwst, mehrwertsteuer, steuern, zoll, inklusive",
    es: "iva, impuestos, aduana, incluido",
  }),
  label: C("topic", {
    en: "label, prepaid, return label, shipping label",
    it: "etichetta, prepagata",
    fr: "étiquette, prépayée",
    de: "etikett, rücksendeetikett, versandetikett, frankiert",
    es: "etiqueta, prepagada",
  }),
  wax: C("topic", {
    en: "wax, waxed, waxing, waxes, rewax, tune, tuning, base looks dry",
    it: "sciolina, sciolinare, sciolinata, sciolinato, sciolinatura",
    fr: "fart, farter, fartage, farté",
    de: "wachs, wachsen, gewachst, wachsen lassen",
    es: "cera, encerar, encerado",
  }),
  howto: C("object", {
    en: "how do i, how can i, how does, how do, steps, process, procedure, start a",
    it: "come faccio, come posso, come si, come funziona, procedura",
    fr: "comment, procédure, démarche, marche à suivre",
    de: "wie funktioniert, wie kann ich, wie geht, ablauf, vorgehen",
    es: "cómo, procedimiento, proceso, pasos",
  }),
  board: C("object", {
    en: "snowboard, snowboards, board, boards",
    it: "tavola, tavole, snowboard",
    fr: "planche, planches, snowboard",
    de: "snowboard, board, brett",
    es: "tabla, tablas, snowboard",
  }),
  helmet: C("object", {
    en: "helmet, helmets, head",
    it: "casco, caschi, testa",
    fr: "casque, casques, tête",
    de: "helm, helme, kopf",
    es: "casco, cascos, cabeza",
  }),
  binding: C("object", {
    en: "bindings, binding",
    it: "attacchi, attacco",
    fr: "fixations, fixation",
    de: "bindungen, bindung",
    es: "fijaciones, fijación",
  }),
  boots: C("object", {
    en: "boots, boot, shoes",
    it: "scarponi, scarpone, scarpe",
    fr: "chaussures, boots, bottes",
    de: "boots, schuhe, stiefel",
    es: "botas, bota",
  }),
  jacket: C("object", {
    en: "jacket, jackets, coat, shell",
    it: "giacca, giacche, giubbotto",
    fr: "veste, vestes, blouson",
    de: "jacke, jacken",
    es: "chaqueta, chaquetas, abrigo",
  }),
  goggles: C("object", {
    en: "goggles, goggle, mask",
    it: "occhiali, maschera, mascherina",
    fr: "masque, masques, lunettes",
    de: "brille, skibrille, snowboardbrille",
    es: "gafas, máscara",
  }),
  kids: C("object", {
    en: "kid, kids, child, children, son, daughter, boy, girl, junior, year old, years old, toddler",
    it: "bambino, bambini, bambina, figlio, figlia, bimbo, ragazzo",
    fr: "enfant, enfants, fils, fille, junior",
    de: "kind, kinder, sohn, tochter, junge, mädchen, jahre alt",
    es: "niño, niños, niña, hijo, hija, junior",
  }),
  order: C("object", {
    en: "order, orders, purchase, bought",
    it: "ordine, ordini, acquisto",
    fr: "commande, commandes, achat",
    de: "bestellung, bestellungen, kauf",
    es: "pedido, pedidos, compra",
  }),
  package: C("object", {
    en: "package, packages, parcel, parcels, stuff, items, goods",
    it: "pacco, pacchi, collo",
    fr: "colis, paquet",
    de: "paket, pakete, sendung",
    es: "paquete, paquetes",
  }),
} satisfies Record<string, ConceptDef>;
