import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, screenshot, type DemoBrowser } from "./browser";
import { expectNoKeyLeak } from "./keyLeaks";
import { startDemo, type RunningDemo } from "./startDemo";

let demo: RunningDemo;
let browser: DemoBrowser;

// `[mock:slow]` makes the mock take 10× its usual time: long enough to reload or leave mid-generation
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ speed: 12 }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const submits = () => browser.requests.filter((r) => r.method === "POST" && r.url.includes("/api/flux/v1/"));

async function startGeneration(page: Page, prompt: string): Promise<void> {
  await page.goto(demo.url);
  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await page.getByRole("progressbar", { name: "Progress" }).waitFor();
}

test("reloading mid-generation resumes the same task and shows its image", async () => {
  const page = await browser.newPage();
  const prompt = "A paper boat on a rainy street [mock:slow]";
  await startGeneration(page, prompt);
  const before = submits().length;

  await page.reload();
  // resumed from sessionStorage: pending again, without a new submit
  await page.locator(".flux-viewer[data-state=pending]").waitFor();
  await page.getByRole("progressbar", { name: "Progress" }).waitFor();
  await screenshot(page, "resumed");

  const image = page.locator(".flux-viewer img.flux-image");
  await image.waitFor({ timeout: 25_000 });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(submits().length).toBe(before); // never paid twice
  await page.close();
});

test("closing the tab mid-generation loses nothing: the server finishes it and the gallery shows it", async () => {
  const first = await browser.newPage();
  const prompt = "An owl reading by candlelight [mock:slow]";
  await startGeneration(first, prompt);
  await first.close();

  const second = await browser.newPage();
  await second.goto(demo.url);
  // a new tab has no sessionStorage: the server's own watcher is following the task
  const pending = second.locator(".demo-card[data-state=pending]");
  await pending.waitFor();
  await pending.scrollIntoViewIfNeeded();
  await screenshot(second, "gallery-pending");
  const saved = second.getByRole("img", { name: `Saved image: ${prompt}` });
  await saved.waitFor({ timeout: 25_000 });
  await expect.poll(() => saved.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await second.close();
});

test("the server's key appears in no response the browser received", async () => {
  await expectNoKeyLeak(browser, demo);
});
