/**
 * Every string a staff member reads in the admin goes through the translator (app/lib/i18n). This
 * scans the admin's pages (app/routes/app.*) with the TypeScript parser for text that does not:
 * JSX text, string literals shown as children (`{cond ? "Yes" : "No"}`), the props Polaris shows
 * (label, title, helpText, placeholder, …) and the same keys in option and action objects
 * (`{ content: "Save" }`, `{ label: "Resolved", value: … }`). Text without a letter (" · ", "/",
 * "★") and a few names that are the same in every language are allowed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");
const SHOWN_PROPS = new Set([
  "label",
  "title",
  "helpText",
  "placeholder",
  "content",
  "accessibilityLabel",
  "aria-label",
  "alt",
  "heading",
  "subtitle",
  "queryPlaceholder",
  "emptyText",
  "labelHidden",
  "prefix",
  "suffix",
  "error",
  "hint",
  "description",
  "message",
  "text",
  "caption",
]);
/** Words that read the same in English and Italian (product names, formats, units). */
const SAME_IN_EVERY_LANGUAGE =
  /^(Tandem|CSV|JSON|SLA|SMTP|IMAP|FAQ|URL|API|IA|AI|n8n|Shopify|Polaris|OpenAI|HMAC|ID|OK|Email|E-mail|Home|Team|Ticket|Online|Offline|Webhook|Playground|CSAT|HTTP|p95|min|h|ms|s|d|T-\d*)$/;

function hasWords(text: string): boolean {
  const trimmed = text.replace(/\s+/g, " ").trim();
  if (!/[A-Za-zÀ-ÿ]{2,}/.test(trimmed)) return false;
  // an example address or URL (a placeholder such as smtp.example.com) reads the same in every language
  if (/^\S+\.\S+$/.test(trimmed) && !/\s/.test(trimmed)) return false;
  return !trimmed
    .split(/[\s·/,:()|—–-]+/)
    .every((w) => w === "" || SAME_IN_EVERY_LANGUAGE.test(w) || !/[A-Za-z]/.test(w));
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** The untranslated text a component file shows. */
export function untranslatedText(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Finding[] = [];
  const report = (node: ts.Node, text: string) =>
    out.push({
      file,
      line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
      text: text.trim().slice(0, 80),
    });

  /** String literals an expression evaluates to (through ?:, ??, ||, &&, parentheses, templates). */
  const shownStrings = (e: ts.Expression, node: ts.Node) => {
    if (ts.isParenthesizedExpression(e)) return shownStrings(e.expression, node);
    if (ts.isConditionalExpression(e)) {
      shownStrings(e.whenTrue, node);
      shownStrings(e.whenFalse, node);
      return;
    }
    if (
      ts.isBinaryExpression(e) &&
      [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(
        e.operatorToken.kind,
      )
    ) {
      shownStrings(e.right, node);
      if (e.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) shownStrings(e.left, node);
      return;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      shownStrings(e.left, node);
      shownStrings(e.right, node);
      return;
    }
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
      if (hasWords(e.text)) report(e, e.text);
      return;
    }
    if (ts.isTemplateExpression(e)) {
      const literal = [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(" ");
      if (hasWords(literal)) report(e, e.getText(sf));
      for (const span of e.templateSpans) shownStrings(span.expression, node);
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent))
      shownStrings(node.expression, node);
    else if (ts.isJsxAttribute(node) && SHOWN_PROPS.has(node.name.getText(sf)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) {
        if (hasWords(node.initializer.text)) report(node, node.initializer.text);
      } else if (ts.isJsxExpression(node.initializer) && node.initializer.expression)
        shownStrings(node.initializer.expression, node);
    } else if (
      ts.isPropertyAssignment(node) &&
      SHOWN_PROPS.has(node.name.getText(sf).replace(/["']/g, "")) &&
      !(
        ts.isCallExpression(node.parent.parent) &&
        /^(z\.|json|Response)/.test(node.parent.parent.expression.getText(sf))
      )
    )
      shownStrings(node.initializer, node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/**
 * Pages whose text is not translated yet, named so that the list can only shrink: a file here that
 * has become clean fails the test until it is taken off, and any other file with untranslated text
 * fails it too.
 */
const NOT_YET_TRANSLATED = new Set<string>([]);

function adminFiles(): string[] {
  const routes = path.join(ROOT, "app/routes");
  const files: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) for (const f of readdirSync(p)) walk(path.join(p, f));
    else if (/\.tsx$/.test(p) && !/\.server\./.test(p)) files.push(p);
  };
  for (const entry of readdirSync(routes))
    if (entry === "app.tsx" || entry.startsWith("app.")) walk(path.join(routes, entry));
  return files;
}

describe("admin pages show text only through the translator", () => {
  test("the scan finds the untranslated text of a page (it can fail)", () => {
    const sample = `
      export function Page({ n, ok }) {
        const items = [{ label: "Resolved", value: "resolved" }];
        return (
          <Card title="Settings">
            <Text as="h2">Business hours</Text>
            <Button accessibilityLabel={ok ? "Save now" : t("x")}>{t("common.actions.save")}</Button>
            {ok ? "All good" : null} {n ?? \`\${n} chats waiting\`}
            <TextField label={t("k")} helpText="CSV" placeholder=" · " />
          </Card>
        );
      }`;
    expect(untranslatedText("sample.tsx", sample).map((f) => f.text)).toEqual([
      "Resolved",
      "Settings",
      "Business hours",
      "Save now",
      "All good",
      "`${n} chats waiting`",
    ]);
  });

  test("no admin page or component shows untranslated text", () => {
    const files = adminFiles();
    expect(files.length).toBeGreaterThan(50);
    const byFile = new Map(
      files.map((file) => {
        const name = path.relative(ROOT, file);
        return [name, untranslatedText(name, readFileSync(file, "utf8"))] as const;
      }),
    );
    const findings = [...byFile]
      .filter(([file]) => !NOT_YET_TRANSLATED.has(file))
      .flatMap(([, found]) => found.map((f) => `${f.file}:${f.line} ${f.text}`));
    expect(findings).toEqual([]);
    const cleanButListed = [...NOT_YET_TRANSLATED].filter((file) => (byFile.get(file) ?? []).length === 0);
    expect(cleanButListed).toEqual([]);
  });
});
