import { chromiumLaunchOptions } from "../../../scripts/chromium.mjs";
import { recordTraffic, type Traffic } from "../../../scripts/e2e.mjs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { APP_HOST } from "./startApp";

export type { RecordedResponse } from "../../../scripts/e2e.mjs";

export interface RecordingContext extends Traffic {
  readonly context: BrowserContext;
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
  return { context, ...recordTraffic(context) };
}
