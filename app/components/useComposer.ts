import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { ActionData } from "./Feedback";

/**
 * A text box posted through a fetcher (a note, a public reply): the fetcher, the text, and the text
 * emptied once the action answered ok — left as it is after an error, so nothing typed is lost.
 */
export function useComposer() {
  const fetcher = useFetcher<ActionData>();
  const [text, setText] = useState("");
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setText("");
  }, [fetcher.state, fetcher.data]);
  return { fetcher, text, setText };
}
