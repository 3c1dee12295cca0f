import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback } from "react";
import { Card, Page, Pagination, Tabs } from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { requireOperator } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import { TICKET_COUNT_CAP, TICKET_STATUSES } from "../../domain/ticket-status";
import { loadTicketList, parseTicketListParams, runBulkAction } from "./tickets.server";
import { TicketFilters } from "./components/TicketFilters";
import { TicketTable } from "./components/TicketTable";
import { useT } from "../../lib/i18n/react";
import { translator } from "../../lib/i18n/catalog";
import { adminLocale } from "../../lib/i18n/locale.server";
import { formatNumber } from "../../lib/i18n/core";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = parseTicketListParams(new URL(request.url));
  return { ...(await loadTicketList(session.shop, params)), params };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  return runBulkAction(
    context.session.shop,
    { id: me.id, name: me.name },
    await readForm(request),
    translator(adminLocale(request, me)),
  );
};

export default function Tickets() {
  const { rows, nextCursor, counts, operators, params, rangeError, now } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { t, locale } = useT();
  const go = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(searchParams);
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      if (!("cursor" in changes)) next.delete("cursor");
      navigate(`/app/tickets?${next.toString()}`);
    },
    [navigate, searchParams],
  );

  // history is counted up to a cap ("10,000+"), so is the total then
  const capped = counts.resolved >= TICKET_COUNT_CAP || counts.closed >= TICKET_COUNT_CAP;
  const count = (n: number, cap: boolean) => `${formatNumber(n, locale)}${cap ? "+" : ""}`;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const tabs = [
    { id: "tickets-all", content: t("tickets.all"), badge: count(total, capped) },
    ...TICKET_STATUSES.map((s) => ({
      id: `tickets-${s}`,
      content: t(`tickets.status.${s}`),
      badge: count(counts[s], counts[s] >= TICKET_COUNT_CAP),
    })),
  ];
  const selected = params.status ? TICKET_STATUSES.indexOf(params.status) + 1 : 0;

  return (
    <Page fullWidth title={t("tickets.title")}>
      <Card padding="0">
        <Tabs
          tabs={tabs}
          selected={selected}
          onSelect={(i) => go({ status: i === 0 ? undefined : TICKET_STATUSES[i - 1] })}
          fitted
        />
        <div style={{ padding: "var(--p-space-300)" }}>
          <TicketFilters
            key={params.q ?? ""}
            values={params}
            operators={operators}
            rangeError={rangeError}
            onChange={go}
          />
        </div>
        <TicketTable rows={rows} operators={operators} now={now} />
        <div style={{ padding: "var(--p-space-300)", display: "flex", justifyContent: "center" }}>
          <Pagination
            hasPrevious={Boolean(params.cursor)}
            previousTooltip={t("tickets.firstPage")}
            onPrevious={() => go({ cursor: undefined })}
            hasNext={Boolean(nextCursor)}
            onNext={() => go({ cursor: nextCursor ?? undefined })}
            accessibilityLabels={{ previous: t("tickets.firstPage"), next: t("tickets.nextPage") }}
          />
        </div>
      </Card>
    </Page>
  );
}
