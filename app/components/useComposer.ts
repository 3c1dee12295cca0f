import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { ActionData } from "./Feedback";

/**
 * A text box posted through a fetcher (a note, a public reply): the fetcher, the text, and the
 * action's result to show. The result is shown once the fetcher is idle (the page has reloaded, so a
 * new note or reply is already in the list), and in that same render the text is emptied when the
 * action answered ok — left as it is after an error, so nothing typed is lost. Emptying it during
 * render rather than in an effect means no frame shows "Note added." next to a box still holding the
 * note.
 */
export function useComposer() {
  const fetcher = useFetcher<ActionData>();
  const [text, setText] = useState("");
  const [cleared, setCleared] = useState<ActionData | null>(null);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  if (result?.ok && result !== cleared) {
    setCleared(result);
    setText("");
  }
  return { fetcher, text, setText, result };
}
