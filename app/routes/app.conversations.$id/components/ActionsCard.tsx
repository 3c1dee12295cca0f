import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, Divider, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { can } from "../../../domain/permissions";
import { CreateTicket } from "./CreateTicket";
import { Feedback, type ActionData } from "../../app.tickets.$number/components/Feedback";
import type { ConversationInfo } from "./ShopperContext";
import { presenceLabel } from "../../app.inbox/components/Presence";

const CLOSE_OPTIONS = [
  { label: "Resolved", value: "resolved" },
  { label: "Abandoned", value: "abandoned" },
  { label: "Timed out", value: "timed_out" },
  { label: "Closed by shopper", value: "closed_by_shopper" },
];

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
          Actions
        </Text>
        <Feedback data={fetcher.data} />
        {!closed ? (
          <>
            <Select
              label="Operator"
              options={others.map((o) => ({ label: `${o.name} (${presenceLabel(o.presence)})`, value: o.id }))}
              value={target}
              onChange={setTarget}
              disabled={others.length === 0}
              helpText={`Transfer asks a colleague to take over a chat you hold, with your note: it stays yours until they accept, and goes to the queue if they decline or do not answer within ${transferMinutes} min. Assign (admins) gives any chat to someone at once, without asking.`}
            />
            {chosen && chosen.presence !== "online" ? (
              <div role="status">
                <Text as="p" tone="caution">
                  {`${chosen.name} is ${presenceLabel(chosen.presence).toLowerCase()}: they may not see a transfer before it goes to the queue.`}
                </Text>
              </div>
            ) : null}
            <TextField
              label="Note for the colleague (internal)"
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
                {confirmOffline ? "Transfer anyway" : "Transfer"}
              </Button>
              {can(me.role, "conversations.assign") ? (
                <Button disabled={!target || busy} onClick={() => submit({ intent: "assign", operatorId: target })}>
                  Assign
                </Button>
              ) : null}
              <Button
                disabled={conversation.state === "ai" || !mine || busy}
                onClick={() => submit({ intent: "return_to_ai" })}
              >
                Return to AI
              </Button>
            </InlineStack>
            <Divider />
            <InlineStack gap="200" blockAlign="end">
              <Select label="Close reason" options={CLOSE_OPTIONS} value={reason} onChange={setReason} />
              <Button tone="critical" disabled={!mine || busy} onClick={() => submit({ intent: "close", reason })}>
                Close chat
              </Button>
            </InlineStack>
          </>
        ) : (
          <Text as="p" tone="subdued">
            This conversation is closed.
          </Text>
        )}
        <Divider />
        <CreateTicket ticket={ticket} defaultEmail={requesterEmail} disabled={busy} />
      </BlockStack>
    </Card>
  );
}
