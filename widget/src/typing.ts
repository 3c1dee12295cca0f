/**
 * Tells the operator that the shopper is typing: at most one signal every REPEAT_MS while there is
 * text in the box, and one "stopped" when the box empties or the message is sent. The server lets a
 * signal expire by itself, so a lost "stopped" costs a few seconds, never a stuck indicator.
 */
const REPEAT_MS = 3_000;

export function typingReporter(report: (typing: boolean) => void, now: () => number = Date.now) {
  let last = 0;
  return {
    /** The box changed: `active` when it holds text. */
    changed(active: boolean) {
      if (active) {
        if (now() - last < REPEAT_MS) return;
        last = now();
        report(true);
      } else if (last) {
        last = 0;
        report(false);
      }
    },
    /** The message was sent (or the chat ended). */
    stopped() {
      this.changed(false);
    },
  };
}
