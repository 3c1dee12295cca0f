/**
 * An operator's presence, shown the same way on every page (inbox, conversation, team, home): the
 * label and the badge tone come from here, from `effectivePresence` (app/domain/operators.server.ts).
 */
import { Badge, type BadgeProps } from "@shopify/polaris";

const LABEL: Record<string, string> = { online: "Online", away: "Away", offline: "Offline" };
const TONE: Record<string, BadgeProps["tone"]> = { online: "success", away: "attention", offline: undefined };

export function presenceLabel(presence: string): string {
  return LABEL[presence] ?? LABEL.offline!;
}

export function PresenceBadge({ presence }: { presence: string }) {
  return <Badge tone={TONE[presence]}>{presenceLabel(presence)}</Badge>;
}
