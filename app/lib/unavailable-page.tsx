/**
 * The page shown while the database is away (a 503 `unavailable` answer from a loader or action):
 * what happened in plain words, that saved work is safe, a countdown after which the page loads its
 * data again by itself, and a button to try at once. No error text, stack or personal data.
 */
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import { BlockStack, Banner, Button, Page, Text } from "@shopify/polaris";
import { UNAVAILABLE_TEXT } from "./unavailable";

/** Counts down `seconds`, then calls `retry`; again after every failed try. */
function useCountdown(seconds: number, retry: () => void): number {
  const [left, setLeft] = useState(seconds);
  const latest = useRef(retry);
  latest.current = retry;
  useEffect(() => {
    if (left <= 0) {
      latest.current();
      const again = setTimeout(() => setLeft(seconds), 1000);
      return () => clearTimeout(again);
    }
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, seconds]);
  return left;
}

/** Inside the admin (Polaris): the boundary of the app's routes. */
export function UnavailableAdminPage({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  const revalidator = useRevalidator();
  const left = useCountdown(retryAfterSeconds, revalidator.revalidate);
  const trying = revalidator.state === "loading" || left <= 0;
  return (
    <Page title="Temporarily unavailable">
      <Banner tone="warning" title={UNAVAILABLE_TEXT.title}>
        <BlockStack gap="300">
          <Text as="p">{UNAVAILABLE_TEXT.body}</Text>
          <div role="status">
            <Text as="p">{trying ? UNAVAILABLE_TEXT.retryingNow : UNAVAILABLE_TEXT.retrying(left)}</Text>
          </div>
          <div>
            <Button onClick={() => revalidator.revalidate()} loading={revalidator.state === "loading"}>
              {UNAVAILABLE_TEXT.retry}
            </Button>
          </div>
        </BlockStack>
      </Banner>
    </Page>
  );
}

/**
 * Outside the admin (the root boundary, which renders without scripts): the same words, a refresh
 * after `retryAfterSeconds` and a link that loads the page again.
 */
export function UnavailablePlainPage({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta httpEquiv="refresh" content={String(retryAfterSeconds)} />
        <title>Temporarily unavailable</title>
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: "40rem", margin: "3rem auto", padding: "0 1rem" }}>
        <main>
          <h1>{UNAVAILABLE_TEXT.title}</h1>
          <p>{UNAVAILABLE_TEXT.body}</p>
          <p role="status">{UNAVAILABLE_TEXT.retrying(retryAfterSeconds)}</p>
          <p>
            <a href="">{UNAVAILABLE_TEXT.retry}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
