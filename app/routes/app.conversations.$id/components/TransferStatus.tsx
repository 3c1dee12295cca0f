import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, ButtonGroup, Text } from "@shopify/polaris";
import { formatTime, useShopTimeZone } from "../../../lib/format";
import { Feedback, type ActionData } from "../../../components/Feedback";
import { useT } from "../../../lib/i18n/react";

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
  const answer = (intent: "accept_transfer" | "decline_transfer" | "cancel_transfer") =>
    fetcher.submit({ intent }, { method: "post", ...(action ? { action } : {}) });
  return { answer, busy: fetcher.state !== "idle", data: fetcher.data };
}

/**
 * Accept and Decline buttons for a list row (the notifications page), while the transfer still
 * waits (`open`); the answer's result stays shown after the buttons go.
 */
export function TransferAnswerButtons({ conversationPath, open }: { conversationPath: string; open: boolean }) {
  const { answer, busy, data } = useTransferAnswer(conversationPath);
  const { t } = useT();
  return (
    <BlockStack gap="100">
      {open ? (
        <ButtonGroup>
          <Button variant="primary" loading={busy} onClick={() => answer("accept_transfer")}>
            {t("conversation.transfer.accept")}
          </Button>
          <Button disabled={busy} onClick={() => answer("decline_transfer")}>
            {t("conversation.transfer.decline")}
          </Button>
        </ButtonGroup>
      ) : null}
      <Feedback data={data} />
    </BlockStack>
  );
}

/**
 * A transfer waiting for an answer (ADR 220): the receiver gets Accept and Decline; everyone else
 * sees whom it waits for and until when, and the sender may withdraw it. `action` posts to another page's route
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
  const { t, locale } = useT();
  const { answer, busy, data } = useTransferAnswer(action);
  const until = formatTime(transfer.expiresAt, timeZone, locale);
  if (transfer.toOperatorId !== me.id) {
    // The sender may withdraw the request while it waits (the server also lets admins do it).
    const withdraw =
      transfer.fromOperatorId === me.id
        ? { content: t("conversation.transfer.withdraw"), loading: busy, onAction: () => answer("cancel_transfer") }
        : undefined;
    return (
      <Banner tone="info" title={t("conversation.transfer.waitingFor", { name: transfer.toName })} action={withdraw}>
        <BlockStack gap="100">
          <Text as="p">{t("conversation.transfer.waitingText", { until })}</Text>
          <Feedback data={data} />
        </BlockStack>
      </Banner>
    );
  }
  return (
    <Banner
      tone="warning"
      title={t("conversation.transfer.asksYou", { name: transfer.fromName })}
      action={{ content: t("conversation.transfer.accept"), loading: busy, onAction: () => answer("accept_transfer") }}
      secondaryAction={{ content: t("conversation.transfer.decline"), onAction: () => answer("decline_transfer") }}
    >
      <BlockStack gap="100">
        <Text as="p">{t("conversation.transfer.answerBy", { until })}</Text>
        <Feedback data={data} />
      </BlockStack>
    </Banner>
  );
}
