/** One row per staff member; an admin changes the role, the capacity and access in place. */
import { useFetcher } from "@remix-run/react";
import { PresenceBadge } from "../../app.inbox/components/Presence";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { TeamMember } from "../../../domain/team/team.server";
import { timeAgo } from "../../../lib/format";
import { useT } from "../../../lib/i18n/react";

interface Answer {
  ok?: boolean;
  requeued?: number;
  intent?: string;
  error?: { code: string; message: string; fields?: Record<string, string> };
}

function MemberRow(props: { m: TeamMember; me: string; canManage: boolean; now: number; timeZone: string }) {
  const { m } = props;
  const fetcher = useFetcher<Answer>();
  const [capacity, setCapacity] = useState(String(m.capacity));
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setCapacity(String(m.capacity)), [m.capacity]);
  const answer = fetcher.data;
  const send = (data: Record<string, string>) => fetcher.submit({ id: m.id, ...data }, { method: "post" });
  const busy = fetcher.state !== "idle";
  const { t, locale } = useT();
  return (
    <div
      data-testid={`member-${m.id}`}
      style={{ borderTop: "1px solid var(--p-color-border-secondary)", padding: "12px 0" }}
    >
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center" gap="200" wrap>
          <BlockStack gap="050">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingSm">
                <bdi>{m.name}</bdi>
                {m.id === props.me ? t("team.you") : ""}
              </Text>
              {m.active ? (
                <PresenceBadge presence={m.presence} />
              ) : (
                <Badge tone="critical">{t("team.deactivated")}</Badge>
              )}
            </InlineStack>
            <Text as="p" tone="subdued" variant="bodySm">
              {m.email ? `${m.email} · ` : ""}
              {t("team.lastSeen", {
                when: m.lastSeenAt ? timeAgo(m.lastSeenAt, props.now, props.timeZone, locale) : t("team.never"),
              })}
              {" · "}
              {t("team.openChats", { count: m.openChats })}
            </Text>
          </BlockStack>
          {props.canManage ? (
            <InlineStack gap="200" blockAlign="end" wrap>
              <Select
                label={t("team.role")}
                options={[
                  { label: t("team.admin"), value: "admin" },
                  { label: t("team.operator"), value: "operator" },
                ]}
                value={m.role}
                disabled={busy || !m.active}
                onChange={(role) => send({ intent: "role", role })}
              />
              <div style={{ width: 170 }}>
                <TextField
                  label={t("team.capacity")}
                  type="number"
                  min={1}
                  max={50}
                  value={capacity}
                  onChange={setCapacity}
                  autoComplete="off"
                  error={answer?.intent === undefined ? answer?.error?.fields?.capacity : undefined}
                  connectedRight={
                    <Button
                      disabled={busy || capacity === String(m.capacity)}
                      onClick={() => send({ intent: "capacity", capacity })}
                    >
                      {t("common.actions.save")}
                    </Button>
                  }
                />
              </div>
              {m.active ? (
                confirming ? (
                  <InlineStack gap="100">
                    <Button
                      tone="critical"
                      variant="primary"
                      loading={busy}
                      onClick={() => (setConfirming(false), send({ intent: "deactivate" }))}
                    >
                      {t("team.confirmDeactivation")}
                    </Button>
                    <Button onClick={() => setConfirming(false)}>{t("common.actions.cancel")}</Button>
                  </InlineStack>
                ) : (
                  <Button tone="critical" disabled={busy} onClick={() => setConfirming(true)}>
                    {t("team.deactivate")}
                  </Button>
                )
              ) : (
                <Button disabled={busy} onClick={() => send({ intent: "reactivate" })}>
                  {t("team.reactivate")}
                </Button>
              )}
            </InlineStack>
          ) : (
            <Text as="p">
              {t("team.roleLine", {
                role: m.role === "admin" ? t("team.admin") : t("team.operator"),
                capacity: m.capacity,
              })}
            </Text>
          )}
        </InlineStack>
        {answer?.error ? (
          <Banner tone="critical">
            <p>{answer.error.message}</p>
          </Banner>
        ) : null}
        {answer?.ok && answer.intent === "deactivate" ? (
          <Text as="p" tone="subdued">
            {t("team.deactivatedLine", { count: answer.requeued ?? 0 })}
          </Text>
        ) : null}
      </BlockStack>
    </div>
  );
}

export function TeamTable(props: {
  members: TeamMember[];
  me: string;
  canManage: boolean;
  now: number;
  timeZone: string;
}) {
  const { t } = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="p" tone="subdued">
          {t("team.intro")}
        </Text>
        {props.members.map((m) => (
          <MemberRow
            key={m.id}
            m={m}
            me={props.me}
            canManage={props.canManage}
            now={props.now}
            timeZone={props.timeZone}
          />
        ))}
      </BlockStack>
    </Card>
  );
}
