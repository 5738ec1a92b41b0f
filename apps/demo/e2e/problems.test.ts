import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, screenshot, type DemoBrowser } from "./browser";
import { startDemo, TEST_KEY, type RunningDemo } from "./startDemo";

let demo: RunningDemo;
let browser: DemoBrowser;
let page: Page;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ speed: 3 }), launchBrowser()]);
  page = await browser.newPage();
  await page.goto(demo.url);
  await page.getByLabel("Prompt", { exact: true }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const submits = () => browser.requests.filter((r) => r.method === "POST" && r.url.includes("/api/flux/v1/"));

test("a moderated prompt shows the moderation view", async () => {
  await page
    .getByLabel("Prompt", { exact: true })
    .fill("A crowded night market [mock:content-moderated:Violence|Derivative Works]");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const viewer = page.locator(".flux-viewer[data-state=moderated]");
  await viewer.waitFor({ timeout: 20_000 });
  await page.getByRole("heading", { name: "This image was blocked by moderation" }).waitFor();
  expect(await viewer.textContent()).toContain("Violence, Derivative Works");
  await screenshot(page, "moderated");
});

test("a task moderated after its tab was closed: the returning user sees how it ended", async () => {
  const first = await browser.newPage();
  await first.goto(demo.url);
  await first
    .getByLabel("Prompt", { exact: true })
    .fill("A stormy harbour at night [mock:content-moderated:Hate|Graphic Content]");
  await first.getByRole("button", { name: "Generate", exact: true }).click();
  await first.getByRole("progressbar", { name: "Progress" }).waitFor();
  await first.close();

  // a new tab (no sessionStorage): the server's watcher followed the task to its end
  const back = await browser.newPage();
  await back.goto(demo.url);
  const notice = back.getByRole("status", { name: "Finished in the background" });
  // the earlier test's moderated task may be listed too: find this one's line
  const line = notice.locator("li[data-outcome=moderated]").filter({ hasText: "Hate, Graphic Content" });
  await line.waitFor({ timeout: 20_000 });
  expect(await line.textContent()).toMatch(/FLUX\.2 \[pro\].*blocked by moderation.*Hate, Graphic Content/);
  const card = back.locator(".demo-card[data-state=moderated]").filter({ hasText: "Hate, Graphic Content" });
  await card.waitFor();
  expect(await card.getAttribute("aria-label")).toBe("Blocked by moderation");
  // the card names the generation by the prompt it was submitted with (from the proxy's onSubmit)
  expect(await card.locator(".demo-card-caption").textContent()).toMatch(/^A stormy harbour at night/);
  await screenshot(back, "away-moderated", { fullPage: true });
  await back.close();
});

test("an invalid size shows the field error and sends no request", async () => {
  await page.reload();
  await page.getByLabel("Prompt", { exact: true }).fill("A tiny robot watering a bonsai");
  await page.getByText("Custom", { exact: true }).click();
  // a side off the step snaps to it on blur; over FLUX.2's 4 MP cap no snap can fix, so it stays an error
  await page.getByLabel("Width", { exact: true }).fill("3072");
  await page.getByLabel("Height", { exact: true }).fill("3072");
  const before = submits().length;
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const error = page.locator("[data-field-error=size]");
  await error.waitFor();
  expect(await error.textContent()).toMatch(/at most 4 megapixels/);
  expect(await page.getByRole("button", { name: /^Use \d+ × \d+$/ }).count()).toBe(1);
  // the form moves focus to the first invalid field
  const width = page.getByLabel("Width", { exact: true });
  await expect.poll(() => width.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.getByRole("alert").filter({ hasText: "Fix 1 field before generating." }).waitFor();
  // give a stray request every chance to show up before counting
  await page.waitForLoadState("networkidle");
  expect(submits().length).toBe(before);
  await screenshot(page, "invalid-size");
});

test("the proxy refuses callers without the demo's session cookie", async () => {
  const response = await fetch(`${demo.url}/api/flux/v1/flux-2-pro`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: "no cookie" }),
  });
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({
    detail: "No demo session: reload the demo page to get one.",
    code: "unauthenticated",
  });
});

test("the server's key appears in no response the browser received", async () => {
  await browser.settled();
  expect(browser.responses.some((r) => r.url.includes("/api/flux/v1/get_result"))).toBe(true);
  for (const response of browser.responses) {
    expect(response.headers, response.url).not.toContain(TEST_KEY);
    expect(response.body, response.url).not.toContain(TEST_KEY);
  }
  expect(demo.output()).not.toContain(TEST_KEY);
});
