import { describe, expect, test } from "vitest";
import { fallbackText } from "../../../app/ai/fallback-text";
import { wantsPerson } from "../../../app/domain/conversations/escalation-intent";

describe("the built-in responder's quick replies", () => {
  test.each(["en", "it", "fr", "de", "es"])("the %s 'talk to a person' chip escalates when tapped", (locale) => {
    expect(wantsPerson(fallbackText(locale).person)).toBe(true);
  });
});
