/**
 * An operator's presence, shown the same way on every page (inbox, conversation, team, home): the
 * label and the badge tone come from here, from `effectivePresence` (app/domain/operators.server.ts).
 */
import { Badge, type BadgeProps } from "@shopify/polaris";
import type { Translate } from "../../../lib/i18n/catalog";
import { useT } from "../../../lib/i18n/react";

const PRESENCES = ["online", "away", "offline"] as const;
const TONE: Record<string, BadgeProps["tone"]> = { online: "success", away: "attention", offline: undefined };

export function presenceLabel(presence: string, t: Translate): string {
  const known = (PRESENCES as readonly string[]).includes(presence)
    ? (presence as (typeof PRESENCES)[number])
    : "offline";
  return t(`common.presence.${known}`);
}

export function PresenceBadge({ presence }: { presence: string }) {
  const { t } = useT();
  return <Badge tone={TONE[presence]}>{presenceLabel(presence, t)}</Badge>;
}
