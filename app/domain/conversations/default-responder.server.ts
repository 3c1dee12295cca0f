/**
 * The fallback Responder used when no AI is registered: a short, honest acknowledgement in the
 * shopper's language that points to a person. It never claims facts about products or orders.
 */
import type { Responder } from "../responder";

const TEXT: Record<string, string> = {
  en: "Thanks for your message! I can't look that up right now. Tap “Talk to a person” and our team will help you.",
  it: "Grazie per il messaggio! Al momento non posso verificarlo. Tocca “Parla con una persona” e il nostro team ti aiuterà.",
  fr: "Merci pour votre message ! Je ne peux pas le vérifier pour l'instant. Touchez « Parler à une personne » et notre équipe vous aidera.",
  de: "Danke für Ihre Nachricht! Das kann ich gerade nicht nachsehen. Tippen Sie auf „Mit einer Person sprechen“, unser Team hilft Ihnen.",
  es: "¡Gracias por tu mensaje! Ahora no puedo consultarlo. Pulsa «Hablar con una persona» y nuestro equipo te ayudará.",
};

export const defaultResponder: Responder = {
  async respond(input) {
    const lang = (input.locale ?? "en").slice(0, 2).toLowerCase();
    return { text: TEXT[lang] ?? TEXT.en! };
  },
};
