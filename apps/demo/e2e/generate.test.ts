import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, screenshot, type DemoBrowser } from "./browser";
import { expectNoKeyLeak } from "./keyLeaks";
import { startDemo, type RunningDemo } from "./startDemo";

let demo: RunningDemo;
let browser: DemoBrowser;
let page: Page;
const prompt = "A lighthouse on a cliff at dusk, warm light, 35 mm photo";

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ speed: 3 }), launchBrowser()]);
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const naturalWidth = (page: Page, selector: string) =>
  page.locator(selector).evaluate((img: HTMLImageElement) => img.naturalWidth);

test("opens with the Simulated API banner and hands out an HttpOnly session cookie", async () => {
  await page.goto(demo.url);
  await expect.poll(() => page.getByRole("note", { name: "Simulated API" }).isVisible()).toBe(true);
  await page.getByLabel("Prompt", { exact: true }).waitFor();
  const cookies = await browser.context.cookies(demo.url);
  const session = cookies.find((c) => c.name === "flux_demo_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Strict");
  await screenshot(page, "idle");
});

test("type a prompt, submit, see progress, then the image", async () => {
  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const progress = page.getByRole("progressbar", { name: "Progress" });
  await progress.waitFor();
  await screenshot(page, "pending");

  const image = page.locator(".flux-viewer img.flux-image");
  await image.waitFor({ timeout: 20_000 });
  await expect.poll(() => naturalWidth(page, ".flux-viewer img.flux-image")).toBeGreaterThan(0);
  expect(await page.locator(".flux-viewer").getAttribute("data-state")).toBe("ready");
  expect(await image.getAttribute("alt")).toBe(`Generated image: ${prompt}`);
  // the proxy's onResult persisted it: the browser is pointed at the server's own copy
  expect(await image.getAttribute("src")).toMatch(/^\/api\/demo\/images\/[0-9a-f-]+\.jpg$/);
  await page.locator(".demo-card[data-state=saved] img").first().waitFor();
  await page
    .locator(".demo-card[data-state=saved] img")
    .first()
    .evaluate((img: HTMLImageElement) => img.decode());
  await screenshot(page, "ready", { fullPage: true });
});

test("downloads the image", async () => {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^flux-\d+\.jpg$/);
  const bytes = await readFile(await download.path());
  expect(bytes.byteLength).toBeGreaterThan(1000);
  expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // JPEG
});

test("the saved image survives a reload (served from the server's folder)", async () => {
  await page.reload();
  const saved = page.getByRole("img", { name: `Saved image: ${prompt}` });
  await saved.waitFor();
  await expect.poll(() => saved.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const index = JSON.parse(await readFile(join(demo.dataDir, "gallery.json"), "utf8")) as {
    prompt: string;
  }[];
  expect(index.map((i) => i.prompt)).toEqual([prompt]);
});

test("the server's key appears in no response the browser received", async () => {
  await expectNoKeyLeak(browser, demo);
});
