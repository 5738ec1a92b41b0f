import { chromiumLaunchOptions } from "../../../scripts/chromium.mjs";
import { recordTraffic, type RecordedResponse } from "../../../scripts/e2e.mjs";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { demoRoot } from "../server/demoRoot";

export type { RecordedResponse };

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
  const { requests, responses, settled } = recordTraffic(context);
  return {
    browser,
    context,
    responses,
    requests,
    newPage: () => context.newPage(),
    settled,
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

/** Saves a screenshot of one element (`locator`), as {@link screenshot} saves a page's. */
export async function screenshotOf(locator: Locator, name: string): Promise<void> {
  const dir = join(demoRoot, process.env.SCREENSHOTS_DIR ?? join("test-results", "screenshots"));
  mkdirSync(dir, { recursive: true });
  await locator.screenshot({ path: join(dir, `${name}.png`) });
}

/** Types a prompt and submits it from the keyboard (Ctrl+Enter), as a keyboard-only user does. */
export async function submitPrompt(page: Page, prompt: string): Promise<void> {
  const box = page.getByLabel("Prompt", { exact: true });
  await box.fill(prompt);
  await box.press("Control+Enter");
}
