import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, Divider, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { can } from "../../../domain/permissions";
import { CreateTicket } from "./CreateTicket";
import { Feedback, type ActionData } from "../../../components/Feedback";
import type { ConversationInfo } from "./ShopperContext";
import { presenceLabel } from "../../app.inbox/components/Presence";
import { useT } from "../../../lib/i18n/react";

const CLOSE_REASONS = ["resolved", "abandoned", "timed_out", "closed_by_shopper"] as const;

export function ActionsCard({
  conversation,
  operators,
  me,
  holderId,
  ticket,
  requesterEmail,
  transferPending,
  transferMinutes,
}: {
  conversation: ConversationInfo;
  operators: { id: string; name: string; presence: string }[];
  me: { id: string; role: string };
  holderId: string | null;
  ticket: { number: string; status: string } | null;
  /** The chat's contact email or the signed-in customer's: the new ticket's requester by default. */
  requesterEmail: string | null;
  /** A transfer of this chat waits for an answer: no second one meanwhile. */
  transferPending: boolean;
  /** How long a transfer waits for the colleague's answer (the shop's setting). */
  transferMinutes: number;
}) {
  const fetcher = useFetcher<ActionData>();
  const { t } = useT();
  const presence = (p: string) => presenceLabel(p, t).toLowerCase();
  const others = operators.filter((o) => o.id !== holderId);
  const [target, setTarget] = useState(others[0]?.id ?? "");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("resolved");
  // Transferring to someone not online asks once more, with the consequence spelled out.
  const [confirmOffline, setConfirmOffline] = useState(false);
  useEffect(() => setConfirmOffline(false), [target]);
  useEffect(() => {
    if (!others.some((o) => o.id === target)) setTarget(others[0]?.id ?? "");
  }, [others, target]);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data?.ok) return;
    setNote("");
    setConfirmOffline(false);
  }, [fetcher.state, fetcher.data]);
  const busy = fetcher.state !== "idle";
  const closed = conversation.state === "closed";
  const human = conversation.state === "assigned" || conversation.state === "waiting_shopper";
  // Another operator's chat: only with the permission for it (the server decides the same way).
  const mine = !holderId || holderId === me.id || can(me.role, "conversations.manage_others");
  const canTransfer = human && mine && !transferPending;
  const chosen = others.find((o) => o.id === target);
  const submit = (data: Record<string, string>) => fetcher.submit(data, { method: "post" });

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("conversation.actions.title")}
        </Text>
        <Feedback data={fetcher.data} />
        {!closed ? (
          <>
            <Select
              label={t("conversation.actions.operator")}
              options={others.map((o) => ({
                label: t("conversation.actions.operatorOption", {
                  name: o.name,
                  presence: presenceLabel(o.presence, t),
                }),
                value: o.id,
              }))}
              value={target}
              onChange={setTarget}
              disabled={others.length === 0}
              helpText={t("conversation.actions.operatorHelp", { minutes: transferMinutes })}
            />
            {chosen && chosen.presence !== "online" ? (
              <div role="status">
                <Text as="p" tone="caution">
                  {t("conversation.actions.notOnline", { name: chosen.name, presence: presence(chosen.presence) })}
                </Text>
              </div>
            ) : null}
            <TextField
              label={t("conversation.actions.note")}
              value={note}
              onChange={setNote}
              autoComplete="off"
              multiline={2}
            />
            <InlineStack gap="200">
              <Button
                disabled={!canTransfer || !target || busy}
                onClick={() =>
                  chosen && chosen.presence !== "online" && !confirmOffline
                    ? setConfirmOffline(true)
                    : submit({ intent: "transfer", operatorId: target, note })
                }
              >
                {confirmOffline ? t("conversation.actions.transferAnyway") : t("conversation.actions.transfer")}
              </Button>
              {can(me.role, "conversations.assign") ? (
                <Button disabled={!target || busy} onClick={() => submit({ intent: "assign", operatorId: target })}>
                  {t("conversation.actions.assign")}
                </Button>
              ) : null}
              <Button
                disabled={conversation.state === "ai" || !mine || busy}
                onClick={() => submit({ intent: "return_to_ai" })}
              >
                {t("conversation.actions.returnToAi")}
              </Button>
            </InlineStack>
            <Divider />
            <InlineStack gap="200" blockAlign="end">
              <Select
                label={t("conversation.actions.closeReason")}
                options={CLOSE_REASONS.map((r) => ({ label: t(`conversation.actions.reasons.${r}`), value: r }))}
                value={reason}
                onChange={setReason}
              />
              <Button tone="critical" disabled={!mine || busy} onClick={() => submit({ intent: "close", reason })}>
                {t("conversation.actions.closeChat")}
              </Button>
            </InlineStack>
          </>
        ) : (
          <Text as="p" tone="subdued">
            {t("conversation.actions.closed")}
          </Text>
        )}
        <Divider />
        <CreateTicket ticket={ticket} defaultEmail={requesterEmail} disabled={busy} />
      </BlockStack>
    </Card>
  );
}
