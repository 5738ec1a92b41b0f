import { chromiumLaunchOptions } from "../../../scripts/chromium.mjs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { APP_HOST } from "./startApp";

/** One response the browser received: where from, its headers and its body as text (binary as latin1). */
export interface RecordedResponse {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

export interface RecordingContext {
  readonly context: BrowserContext;
  /** Every request URL (with its method) any page of the context sent. */
  readonly requests: { readonly method: string; readonly url: string }[];
  /** Every response any page of the context received, bodies included (await `settled()` first). */
  readonly responses: RecordedResponse[];
  /** Waits until every response body seen so far has been read. */
  settled(): Promise<void>;
}

/**
 * Debian's Chromium with the repository's flags, resolving `app.example.test` to 127.0.0.1 itself (no DNS is
 * asked), so the app is reached under a host name that is not its bind address.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, `--host-resolver-rules=MAP ${APP_HOST} 127.0.0.1`],
    headless: true,
  });
}

/** A fresh context (no cookies, no storage) that records every request and response. */
export async function recordingContext(browser: Browser): Promise<RecordingContext> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const requests: { method: string; url: string }[] = [];
  const responses: RecordedResponse[] = [];
  const reading = new Set<Promise<void>>();
  context.on("request", (request) => requests.push({ method: request.method(), url: request.url() }));
  context.on("response", (response) => {
    const read = (async () => {
      const headers = JSON.stringify(await response.allHeaders());
      // redirects and aborted loads have no body
      const body = await response.body().then(
        (b) => b.toString("latin1"),
        () => "",
      );
      responses.push({
        method: response.request().method(),
        url: response.url(),
        status: response.status(),
        headers,
        body,
      });
    })();
    reading.add(read);
    void read.finally(() => reading.delete(read));
  });
  return {
    context,
    requests,
    responses,
    settled: async () => {
      while (reading.size > 0) await Promise.allSettled([...reading]);
    },
  };
}
