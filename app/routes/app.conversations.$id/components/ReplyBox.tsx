import { useEffect, useMemo, useRef, useState } from "react";
import { useFetcher, useParams } from "@remix-run/react";
import { ActionList, BlockStack, Box, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { useT } from "../../../lib/i18n/react";

export interface CannedOption {
  id: string;
  shortcut: string;
  title: string;
  body: string;
}

const TYPING_REPEAT_MS = 3_000;

/**
 * The operator's reply box: Enter sends (Shift+Enter for a new line); "/shortcut" offers canned
 * responses; the product picker (App Bridge resource picker) sends a product card; typing is
 * signalled to the shopper while the operator writes.
 */
export function ReplyBox({
  canned,
  canReply,
  hint,
}: {
  canned: CannedOption[];
  canReply: boolean;
  hint: string | null;
}) {
  const reply = useFetcher<{ ok: boolean; error?: { message: string } }>();
  const product = useFetcher<{ ok: boolean; error?: { message: string } }>();
  const typing = useFetcher();
  const suggestion = useFetcher<{ ok: boolean; text?: string; source?: string; error?: { message: string } }>();
  const { id: conversationId } = useParams();
  const [text, setText] = useState("");
  const [suggestNote, setSuggestNote] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const sending = reply.state !== "idle";
  const { t } = useT();

  const slash = /^\/(\S*)$/.exec(text.trim());
  const matches = useMemo(
    () =>
      slash
        ? canned.filter((c) => c.shortcut.toLowerCase().startsWith((slash[1] ?? "").toLowerCase())).slice(0, 8)
        : [],
    [slash, canned],
  );

  useEffect(() => {
    if (reply.state === "idle" && reply.data?.ok) setText("");
  }, [reply.state, reply.data]);

  // A suggested draft fills the box for the operator to edit; it is never sent by itself.
  useEffect(() => {
    if (suggestion.state !== "idle" || !suggestion.data) return;
    if (suggestion.data.ok && suggestion.data.text) {
      setText(suggestion.data.text);
      setSuggestNote(
        suggestion.data.source === "provider"
          ? t("conversation.reply.draftProvider")
          : t("conversation.reply.draftKnowledge"),
      );
    } else if (suggestion.data.ok) setSuggestNote(t("conversation.reply.noSuggestion"));
    else setSuggestNote(suggestion.data.error?.message ?? t("conversation.reply.noSuggestionNow"));
  }, [suggestion.state, suggestion.data, t]);

  const suggest = () => {
    if (!conversationId) return;
    setSuggestNote(null);
    suggestion.submit({ conversationId }, { method: "post", action: "/app/api/suggest-reply" });
  };

  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(idleTimer.current), []);

  const signalTyping = (value: string) => {
    if (!canReply) return;
    const now = Date.now();
    clearTimeout(idleTimer.current);
    // stopped typing for a while: tell the shopper
    idleTimer.current = setTimeout(() => {
      if (lastTyping.current) {
        lastTyping.current = 0;
        typing.submit({ intent: "typing", typing: "0" }, { method: "post" });
      }
    }, TYPING_REPEAT_MS + 2_000);
    if (value && now - lastTyping.current > TYPING_REPEAT_MS) {
      lastTyping.current = now;
      typing.submit({ intent: "typing", typing: "1" }, { method: "post" });
    } else if (!value && lastTyping.current) {
      lastTyping.current = 0;
      typing.submit({ intent: "typing", typing: "0" }, { method: "post" });
    }
  };

  const send = () => {
    const value = text.trim();
    if (!value || sending) return;
    lastTyping.current = 0;
    clearTimeout(idleTimer.current);
    reply.submit({ intent: "reply", text: value }, { method: "post" });
  };

  const pickProduct = async () => {
    const shopify = (
      window as unknown as {
        shopify?: {
          resourcePicker?: (o: object) => Promise<{ handle?: string; variants?: { id?: string }[] }[] | undefined>;
        };
      }
    ).shopify;
    const picked = await shopify?.resourcePicker?.({ type: "product", multiple: false, action: "select" });
    const handle = picked?.[0]?.handle;
    // The picker returns the variants the operator ticked: one ticked variant is preselected on the
    // card (the shopper still sees every size); none or all leave the choice to the shopper.
    const variants = picked?.[0]?.variants ?? [];
    const variantId = variants.length === 1 ? variants[0]?.id : undefined;
    if (handle)
      product.submit(
        { intent: "product", handle, text: text.trim(), ...(variantId ? { variantId } : {}) },
        { method: "post" },
      );
  };

  const error =
    reply.data && !reply.data.ok
      ? reply.data.error?.message
      : product.data && !product.data.ok
        ? product.data.error?.message
        : null;

  return (
    <BlockStack gap="200">
      {matches.length ? (
        <Box borderWidth="025" borderColor="border" borderRadius="200">
          <ActionList
            actionRole="option"
            items={matches.map((c) => ({
              content: `/${c.shortcut} — ${c.title}`,
              helpText: c.body.slice(0, 90),
              onAction: () => setText(c.body),
            }))}
          />
        </Box>
      ) : null}
      <div
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            if (matches.length === 1 && matches[0]) setText(matches[0].body);
            else send();
          }
        }}
      >
        <TextField
          label={t("conversation.reply.label")}
          value={text}
          onChange={(value) => {
            setText(value);
            signalTyping(value);
          }}
          multiline={3}
          maxLength={2000}
          autoComplete="off"
          placeholder={t("conversation.reply.placeholder")}
          helpText={suggestNote ?? hint ?? t("conversation.reply.help")}
          error={error ?? undefined}
        />
      </div>
      <InlineStack align="space-between" blockAlign="center">
        <InlineStack gap="200">
          <Button onClick={pickProduct} disabled={!canReply} loading={product.state !== "idle"}>
            {t("conversation.reply.sendProduct")}
          </Button>
          <Button onClick={suggest} loading={suggestion.state !== "idle"}>
            {t("conversation.reply.suggest")}
          </Button>
        </InlineStack>
        <InlineStack gap="200" blockAlign="center">
          <Text as="span" tone="subdued" variant="bodySm">
            {text.length}/2000
          </Text>
          <Button variant="primary" onClick={send} loading={sending} disabled={!text.trim()}>
            {t("conversation.reply.send")}
          </Button>
        </InlineStack>
      </InlineStack>
    </BlockStack>
  );
}
