import { expect } from "vitest";
import type { DemoBrowser } from "./browser";
import type { RunningDemo } from "./startDemo";
import { TEST_KEY } from "./startDemo";

/** Asserts the server's key is in no response the browser received (headers or body) and in no log line. */
export async function expectNoKeyLeak(browser: DemoBrowser, demo: RunningDemo): Promise<void> {
  await browser.settled();
  const ownResponses = browser.responses.filter((r) => r.url.startsWith(demo.url));
  // the app, its API calls and its images were all recorded
  expect(ownResponses.some((r) => r.url.includes("/api/flux/v1/"))).toBe(true);
  expect(ownResponses.some((r) => r.url.includes("/api/demo/images/"))).toBe(true);
  for (const response of browser.responses) {
    expect(response.headers, response.url).not.toContain(TEST_KEY);
    expect(response.body, response.url).not.toContain(TEST_KEY);
  }
  expect(demo.output()).not.toContain(TEST_KEY);
}
