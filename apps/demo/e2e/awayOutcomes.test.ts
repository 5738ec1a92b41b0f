import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, type DemoBrowser } from "./browser";
import { expectNoKeyLeak } from "./keyLeaks";
import { startDemo, type RunningDemo } from "./startDemo";

let demo: RunningDemo;
let browser: DemoBrowser;

// `[mock:slow]` takes 10× the usual time: long enough to leave the page mid-generation
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ speed: 12 }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function generate(page: Page, prompt: string): Promise<void> {
  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
}

const watched = "A lighthouse watched to the end";
const away = "An owl left to finish alone [mock:slow]";

test("“Finished in the background” lists what ended while the visitor was away, not what they watched end", async () => {
  const page = await browser.newPage();
  await page.goto(demo.url);

  // watched in the viewer until Ready
  await generate(page, watched);
  await page.locator(".flux-viewer[data-state=ready] img.flux-image").waitFor({ timeout: 25_000 });

  // started, then left mid-generation: the page navigates away and the server finishes it alone
  await generate(page, away);
  await page.getByRole("progressbar", { name: "Progress" }).waitFor();
  await page.goto("about:blank");
  const gallery = async () =>
    (await (await browser.context.request.get(`${demo.url}/api/demo/gallery`)).json()) as {
      items: { prompt?: string }[];
      pending: unknown[];
    };
  // bounds a stuck run only: the slow task takes ~10 s of the mock's time
  await expect
    .poll(
      async () => {
        const answer = await gallery();
        return { saved: answer.items.map((item) => item.prompt).sort(), pending: answer.pending.length };
      },
      { timeout: 60_000 },
    )
    .toEqual({ saved: [away, watched].sort(), pending: 0 });

  // back on the page: the studio resumes the task it left (sessionStorage) and finds it Ready, so it shows the
  // image, but the person did not watch it finish: the notice names it, and only it
  await page.goto(demo.url);
  await page.locator(".flux-viewer[data-state=ready] img.flux-image").waitFor();
  const notice = page.getByRole("status", { name: "Finished in the background" });
  await notice.locator("li[data-outcome=ready]").filter({ hasText: "An owl left to finish alone" }).waitFor();
  const lines = await notice.locator("li").allTextContents();
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toContain("lighthouse");

  // a reload reports nothing new: both outcomes were shown already
  await page.reload();
  await page.getByRole("img", { name: `Saved image: ${away}` }).waitFor();
  expect(await notice.locator("li").count()).toBe(0);
  await page.close();
}, 90_000);

test("another visitor (another cookie jar) sees none of those images", async () => {
  const other = await browser.browser.newContext({ viewport: { width: 1200, height: 820 } });
  try {
    const page = await other.newPage();
    await page.goto(demo.url);
    const own = "A heron of the second visitor";
    await generate(page, own);
    await page.getByRole("img", { name: `Saved image: ${own}` }).waitFor({ timeout: 25_000 });
    expect(await page.locator(".demo-gallery .demo-card").count()).toBe(1);
    expect(await page.locator(".demo-gallery").textContent()).not.toMatch(/lighthouse|owl/i);
    await expect(
      other.request.get(`${demo.url}/api/demo/gallery`).then((r) => r.json()),
    ).resolves.toMatchObject({ items: [{ prompt: own }], pending: [], failed: [] });
  } finally {
    await other.close();
  }
});

test("the server's key appears in no response the browser received", async () => {
  await expectNoKeyLeak(browser, demo);
});
