import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, ButtonGroup, Text } from "@shopify/polaris";
import { formatTime, useShopTimeZone } from "../../../lib/format";
import { Feedback, type ActionData } from "../../app.tickets.$number/components/Feedback";

export interface PendingTransfer {
  fromOperatorId: string;
  fromName: string;
  toOperatorId: string;
  toName: string;
  expiresAt: string;
}

/** Accept or decline a transfer, posted to the conversation's action (`action`: its path, from another page). */
function useTransferAnswer(action?: string) {
  const fetcher = useFetcher<ActionData>();
  const answer = (intent: "accept_transfer" | "decline_transfer") =>
    fetcher.submit({ intent }, { method: "post", ...(action ? { action } : {}) });
  return { answer, busy: fetcher.state !== "idle", data: fetcher.data };
}

/**
 * Accept and Decline buttons for a list row (the notifications page), while the transfer still
 * waits (`open`); the answer's result stays shown after the buttons go.
 */
export function TransferAnswerButtons({ conversationPath, open }: { conversationPath: string; open: boolean }) {
  const { answer, busy, data } = useTransferAnswer(conversationPath);
  return (
    <BlockStack gap="100">
      {open ? (
        <ButtonGroup>
          <Button variant="primary" loading={busy} onClick={() => answer("accept_transfer")}>
            Accept
          </Button>
          <Button disabled={busy} onClick={() => answer("decline_transfer")}>
            Decline
          </Button>
        </ButtonGroup>
      ) : null}
      <Feedback data={data} />
    </BlockStack>
  );
}

/**
 * A transfer waiting for an answer (ADR 220): the receiver gets Accept and Decline; everyone else
 * (the sender first) sees whom it waits for and until when. `action` posts to another page's route
 * (the notifications list uses the conversation's own action).
 */
export function TransferStatus({
  transfer,
  me,
  action,
}: {
  transfer: PendingTransfer;
  me: { id: string };
  action?: string;
}) {
  const timeZone = useShopTimeZone();
  const { answer, busy, data } = useTransferAnswer(action);
  const until = formatTime(transfer.expiresAt, timeZone);
  if (transfer.toOperatorId !== me.id) {
    return (
      <Banner tone="info" title={`Waiting for ${transfer.toName} to accept`}>
        <p>{`If they decline or do not answer by ${until}, the chat goes to the queue. Until then it stays with its current holder.`}</p>
      </Banner>
    );
  }
  return (
    <Banner
      tone="warning"
      title={`${transfer.fromName} asks you to take over this chat`}
      action={{ content: "Accept", loading: busy, onAction: () => answer("accept_transfer") }}
      secondaryAction={{ content: "Decline", onAction: () => answer("decline_transfer") }}
    >
      <BlockStack gap="100">
        <Text as="p">{`Answer by ${until}; otherwise the chat goes to the queue.`}</Text>
        <Feedback data={data} />
      </BlockStack>
    </Banner>
  );
}
