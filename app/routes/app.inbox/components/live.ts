/**
 * Browser side of the live inbox: polls /app/api/inbox-updates with a cursor and revalidates the page
 * when something changed; announces newly queued chats with a sound and the document title; sends the
 * presence heartbeat (with App Bridge's `shopify.user()` name) and detects inactivity (auto-away).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigation, useRevalidator } from "@remix-run/react";
import { useT } from "../../../lib/i18n/react";

export const LIVE_POLL_MS = 1_000;
const HEARTBEAT_MS = 30_000;
const IDLE_AFTER_MS = 5 * 60_000;

interface UpdatesAnswer {
  cursor: string;
  changed: boolean;
  newlyQueued: { id: string; displayName: string }[];
}

function chime(): void {
  try {
    const Ctx =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.setValueAtTime(880, ctx.currentTime);
    osc.frequency.setValueAtTime(1320, ctx.currentTime + 0.12);
    gain.gain.setValueAtTime(0.001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.35);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
    osc.onended = () => void ctx.close();
  } catch {
    // audio may be blocked until the operator interacts with the page: the title still announces it
  }
}

/**
 * Polls for changes; returns the chats queued since the page opened that are still unseen. The page
 * revalidates its loader when the cursor moves.
 */
export function useLiveUpdates(options: { conversationId?: string; baseTitle: string }) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  // Revalidating starts a navigation to the current page, which would cancel one the operator
  // started (opening a chat): only refresh while nothing else is loading.
  const busy = navigation.state !== "idle" || revalidator.state !== "idle";
  const revalidate = useRef({ run: revalidator.revalidate, busy });
  revalidate.current = { run: revalidator.revalidate, busy };
  const pending = useRef(false);
  useEffect(() => {
    if (!busy && pending.current) {
      pending.current = false;
      revalidator.revalidate();
    }
  }, [busy, revalidator]);
  const [announced, setAnnounced] = useState<{ id: string; displayName: string }[]>([]);
  // unseen chats for the document title; cleared when the operator looks at the page (the banner
  // stays until dismissed: removing it on focus would move the rows under the operator's pointer)
  const [unseen, setUnseen] = useState(0);
  const { t } = useT();

  useEffect(() => {
    let cursor = "";
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const query = new URLSearchParams({ cursor });
        if (options.conversationId) query.set("conversation", options.conversationId);
        const res = await fetch(`/app/api/inbox-updates?${query}`, { headers: { Accept: "application/json" } });
        if (res.ok) {
          const body = (await res.json()) as UpdatesAnswer;
          if (cursor && body.changed) {
            if (revalidate.current.busy) pending.current = true;
            else revalidate.current.run();
          }
          if (cursor && body.newlyQueued.length) {
            setAnnounced((prev) => [...prev, ...body.newlyQueued.filter((q) => !prev.some((p) => p.id === q.id))]);
            setUnseen((n) => n + body.newlyQueued.length);
            chime();
          }
          cursor = body.cursor;
        }
      } catch {
        // offline for a moment: try again on the next tick
      }
      if (!stopped) timer = setTimeout(tick, document.hidden ? LIVE_POLL_MS * 3 : LIVE_POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [options.conversationId]);

  useEffect(() => {
    document.title = unseen ? t("inbox.unseenTitle", { count: unseen, title: options.baseTitle }) : options.baseTitle;
  }, [unseen, options.baseTitle, t]);

  useEffect(() => {
    const clear = () => {
      if (!document.hidden) setUnseen(0);
    };
    window.addEventListener("focus", clear);
    document.addEventListener("visibilitychange", clear);
    return () => {
      window.removeEventListener("focus", clear);
      document.removeEventListener("visibilitychange", clear);
    };
  }, []);

  return { announced, dismiss: () => setAnnounced([]) };
}

/** Presence heartbeat every 30 s; idle for 5 min (no input) reports "away". */
const PRESENCE_KEY = "tandem-presence";

/**
 * The presence the operator chose ("Set yourself away" on the inbox), kept in this browser so every
 * page's heartbeat sends the same one, and followed across the operator's open tabs.
 */
export function usePresenceChoice(): ["online" | "away", (v: "online" | "away") => void] {
  const [value, setValue] = useState<"online" | "away">("online");
  useEffect(() => {
    try {
      if (localStorage.getItem(PRESENCE_KEY) === "away") setValue("away");
    } catch {
      // storage unavailable
    }
    const onStorage = (e: StorageEvent) => {
      if (e.key === PRESENCE_KEY) setValue(e.newValue === "away" ? "away" : "online");
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);
  const set = useCallback((v: "online" | "away") => {
    setValue(v);
    try {
      localStorage.setItem(PRESENCE_KEY, v);
    } catch {
      // storage unavailable
    }
  }, []);
  return [value, set];
}

/** Sends the heartbeat with `status`; when the status changes, the page reloads its data (it lists presence). */
export function usePresence(status: "online" | "away") {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const sent = useRef<string | null>(null);
  useEffect(() => {
    let lastInput = Date.now();
    let wasIdle = false;
    const send = () => {
      const idle = Date.now() - lastInput > IDLE_AFTER_MS;
      wasIdle = idle;
      void fetch("/app/api/presence", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ status, idle }),
      })
        .then(() => {
          if (sent.current !== status) revalidate.current();
          sent.current = status;
        })
        .catch(() => undefined);
    };
    const onInput = () => {
      lastInput = Date.now();
      if (wasIdle) send();
    };
    const events = ["pointerdown", "keydown", "scroll"] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true });
    send();
    const timer = setInterval(send, HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      for (const e of events) window.removeEventListener(e, onInput);
    };
  }, [status]);
}

export function formatWait(seconds: number | null): string {
  if (seconds === null) return "";
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m ${seconds % 60}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}m`;
}
