import { chromiumLaunchOptions } from "../../../scripts/chromium.mjs";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { demoRoot } from "../server/demoRoot";

/** One response the browser received: where from, its headers and its body as text (binary as latin1). */
export interface RecordedResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

export interface DemoBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Every response any page of the context received, bodies included (await `settled()` first). */
  readonly responses: RecordedResponse[];
  /** Every request URL (with its method) any page sent. */
  readonly requests: { readonly method: string; readonly url: string }[];
  newPage(): Promise<Page>;
  /** Waits until every response body seen so far has been read. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Debian's Chromium (Playwright's own download is unreachable here), with the flags from the toolchain notes. */
export async function launchBrowser(): Promise<DemoBrowser> {
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    headless: true,
  });
  const context = await browser.newContext({
    viewport: { width: 1200, height: 820 },
    colorScheme: "light",
    acceptDownloads: true,
  });
  const responses: RecordedResponse[] = [];
  const requests: { method: string; url: string }[] = [];
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
      responses.push({ url: response.url(), status: response.status(), headers, body });
    })();
    reading.add(read);
    void read.finally(() => reading.delete(read));
  });
  return {
    browser,
    context,
    responses,
    requests,
    newPage: () => context.newPage(),
    settled: async () => {
      while (reading.size > 0) await Promise.allSettled([...reading]);
    },
    close: () => browser.close(),
  };
}

/**
 * Saves a screenshot of `page` (the viewport, or the whole page) to `apps/demo/test-results/screenshots/` (not
 * tracked), or to `$SCREENSHOTS_DIR` — `SCREENSHOTS_DIR=screenshots pnpm test` refreshes the committed ones.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const dir = join(demoRoot, process.env.SCREENSHOTS_DIR ?? join("test-results", "screenshots"));
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: options.fullPage ?? false });
}
