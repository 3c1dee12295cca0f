import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Link, Modal, Text, TextField } from "@shopify/polaris";
import { useT } from "../../../lib/i18n/react";

type ActionData = { ok: boolean; message?: string; error?: { message: string } } | undefined;

/**
 * "Create ticket" from a chat: asks for the requester's email (prefilled with the chat's contact or
 * the signed-in customer's), since a ticket nobody can contact cannot be answered.
 */
export function CreateTicket({
  ticket,
  defaultEmail,
  disabled,
}: {
  /** The chat's ticket once there is one: a link to it replaces the button. */
  ticket: { number: string; status: string } | null;
  defaultEmail: string | null;
  disabled: boolean;
}) {
  const fetcher = useFetcher<ActionData>();
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState(defaultEmail ?? "");
  const [subject, setSubject] = useState("");
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data.error?.message : undefined;
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setOpen(false);
  }, [fetcher.state, fetcher.data]);
  const submit = () => fetcher.submit({ intent: "ticket", email: email.trim(), subject }, { method: "post" });
  return (
    <>
      {ticket ? (
        <Text as="p">
          {t("conversation.ticket.existing")} <Link url={`/app/tickets/${ticket.number}`}>{ticket.number}</Link> (
          {ticket.status})
        </Text>
      ) : (
        <Button disabled={disabled} onClick={() => setOpen(true)}>
          {t("conversation.ticket.create")}
        </Button>
      )}
      {fetcher.data?.ok && fetcher.data.message ? (
        <Text as="p" tone="success" variant="bodySm">
          {fetcher.data.message}
        </Text>
      ) : null}
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={t("conversation.ticket.modalTitle")}
        primaryAction={{
          content: t("conversation.ticket.create"),
          onAction: submit,
          loading: fetcher.state !== "idle",
          disabled: email.trim() === "",
        }}
        secondaryActions={[{ content: t("common.actions.cancel"), onAction: () => setOpen(false) }]}
      >
        <Modal.Section>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (email.trim()) submit();
            }}
          >
            <BlockStack gap="300">
              <TextField
                label={t("conversation.ticket.email")}
                type="email"
                value={email}
                onChange={setEmail}
                autoComplete="email"
                requiredIndicator
                helpText={t("conversation.ticket.emailHelp")}
                error={failed}
              />
              <TextField
                label={t("conversation.ticket.subject")}
                value={subject}
                onChange={setSubject}
                autoComplete="off"
                helpText={t("conversation.ticket.subjectHelp")}
                maxLength={200}
              />
            </BlockStack>
          </form>
        </Modal.Section>
      </Modal>
    </>
  );
}
