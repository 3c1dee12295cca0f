/**
 * The widget's form fields: a labelled control with its error line, validation in the browser
 * (required, email, ticket number) and the server's refusals (422 names the field) shown where the
 * shopper can fix them.
 */
import { TICKET_NUMBER_INPUT } from "../../app/domain/ticket-public";
import { EMAIL } from "./format";
import { h } from "./dom";
import type { LoaderContext } from "./types";
import type { Problem } from "./transport";

export type Field = { row: HTMLElement; control: HTMLInputElement | HTMLTextAreaElement; err: HTMLElement };

export function createFields(t: LoaderContext["t"]) {
  function field(
    label: string,
    name: string,
    type: string,
    required: boolean,
    autocomplete?: string,
    id = `tc-${name}`,
  ): Field {
    const control =
      type === "textarea"
        ? h("textarea", { id, name, rows: "3", maxlength: "2000", required })
        : h("input", { id, name, type, required, autocomplete, maxlength: "200" });
    const err = h("span", { class: "err", id: `${id}-err` });
    control.setAttribute("aria-describedby", err.id);
    return {
      row: h("label", { for: id }, required ? label : `${label} (${t("optional")})`, control, err),
      control,
      err,
    };
  }

  const fieldError = (f: Field, msg: string) => {
    f.err.textContent = msg;
    f.control.setAttribute("aria-invalid", String(!!msg));
  };

  function validate(fields: Field[]): boolean {
    let firstBad: HTMLElement | null = null;
    for (const f of fields) {
      const v = f.control.value.trim();
      let msg = "";
      if (f.control.required && !v) msg = t("required");
      else if (f.control.type === "email" && v && !EMAIL.test(v)) msg = t("email_invalid");
      else if (f.control.name === "number" && v && !TICKET_NUMBER_INPUT.test(v)) msg = t("ticket_number_invalid");
      fieldError(f, msg);
      if (msg && !firstBad) firstBad = f.control;
    }
    firstBad?.focus();
    return !firstBad;
  }

  /** A refused form: the field the server names gets the error, anything else goes under the form. */
  function showProblem(problem: Problem, fields: Field[], formErr: HTMLElement) {
    const f = problem.field ? fields.find((x) => x.control.name === problem.field) : undefined;
    formErr.textContent = "";
    if (f) {
      fieldError(
        f,
        f.control.type === "email" ? t("email_invalid") : f.control.type === "tel" ? t("phone_invalid") : t("invalid"),
      );
      f.control.focus();
      return;
    }
    formErr.textContent =
      problem.code === "rate_limited"
        ? t("too_many_tries", { minutes: Math.max(1, Math.ceil((problem.retryAfter ?? 60) / 60)) })
        : problem.code === "not_found"
          ? t("ticket_not_found")
          : problem.code === "network"
            ? t("form_network")
            : t("form_failed");
  }

  const valuesOf = (fields: Field[]) => {
    const values: Record<string, string> = {};
    for (const f of fields) if (f.control.value.trim()) values[f.control.name] = f.control.value.trim();
    return values;
  };

  function busy(btn: HTMLButtonElement, run: () => Promise<void>) {
    btn.disabled = true;
    return run().finally(() => {
      btn.disabled = false;
    });
  }

  return { field, fieldError, validate, showProblem, valuesOf, busy };
}

export type Fields = ReturnType<typeof createFields>;
