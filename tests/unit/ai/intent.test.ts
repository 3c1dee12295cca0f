import { describe, expect, test } from "vitest";
import { classify, productKeywords } from "../../../app/ai/intent";

const kind = (text: string, locale = "en", history: { role: "shopper" | "ai"; text: string }[] = []) =>
  classify(text, locale, history).kind;

describe("the built-in responder's intent router", () => {
  test("messages without letters or digits are empty, greetings and thanks are small talk, in five languages", () => {
    for (const t of ["👍", "😂😂", "???", "…", ":)", "🏂❄️"]) expect(kind(t), t).toBe("empty");
    for (const [t, l] of [
      ["hi", "en"],
      ["Thanks a lot!", "en"],
      ["grazie mille", "it"],
      ["merci beaucoup", "fr"],
      ["Vielen Dank", "de"],
      ["¡Muchas gracias!", "es"],
      ["ok", "en"],
    ])
      expect(kind(t!, l), t).toBe("small_talk");
  });

  test("order status questions are orders; the order number and email are read from the message or the earlier ones", () => {
    for (const [t, l] of [
      ["where is my order?", "en"],
      ["dov'è il mio ordine?", "it"],
      ["où en est ma commande ?", "fr"],
      ["Wo ist meine Bestellung?", "de"],
      ["¿dónde está mi pedido?", "es"],
    ])
      expect(kind(t!, l), t).toBe("order");
    expect(classify("order #1006, email Noah.Martin@example.com", "en")).toEqual({
      kind: "order",
      orderNumber: "#1006",
      email: "Noah.Martin@example.com",
    });
    const history = [
      { role: "shopper" as const, text: "where is order 1006?" },
      { role: "ai" as const, text: "Thanks! Please also tell me the email address you used for that order." },
    ];
    expect(classify("noah.martin@example.com", "en", history)).toEqual({
      kind: "order",
      orderNumber: "#1006",
      email: "noah.martin@example.com",
    });
  });

  test("store-policy questions stay questions even when they sound like shopping or mention an order", () => {
    for (const [t, l] of [
      ["how much is shipping to France?", "en"],
      ["can I change or cancel my order?", "en"],
      ["can I return the bindings from my last order?", "en"],
      ["my package never arrived", "en"],
      ["quanto costa la spedizione?", "it"],
      ["what snowboard size should I choose?", "en"],
    ])
      expect(kind(t!, l), t).toBe("question");
  });

  test("shopping phrases are product questions, with the catalogue's words for common goods", () => {
    expect(classify("do you have a freestyle snowboard for a beginner?", "en")).toEqual({
      kind: "product",
      keywords: ["freestyle", "snowboard", "beginner"],
    });
    expect(classify("quanto costa il casco Ridge?", "it")).toEqual({
      kind: "product",
      keywords: ["casco", "helmet", "ridge"],
    });
    expect(kind("habt ihr das Powder Hound Snowboard in 158 cm?", "de")).toBe("product");
    expect(productKeywords("is the Storm Shell Jacket available in XL?", "en")).toEqual(["storm", "shell", "jacket"]);
  });

  test("a product question that names only a size takes the product from the shopper's earlier question", () => {
    const history = [{ role: "shopper" as const, text: "do you have the Summit all-mountain board?" }];
    expect(classify("is the 156 cm back in stock?", "en", history)).toEqual({
      kind: "product",
      keywords: ["summit", "mountain", "board"],
    });
    expect(classify("is the 156 cm back in stock?", "en")).toEqual({ kind: "product", keywords: [] });
  });
});
