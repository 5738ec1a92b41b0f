import { afterAll, beforeAll, expect, test } from "vitest";
import { axeViolations } from "./axe";
import { launchBrowser, screenshot, submitPrompt as submit, type DemoBrowser } from "./browser";
import { startDemo, type RunningDemo } from "./startDemo";

let demo: RunningDemo;
let browser: DemoBrowser;

// the demo's server allows 3 tasks per visitor at once. The first three run 30 s (360 s of mock time at speed 12),
// far longer than typing four prompts takes on a loaded machine, so the fourth surely meets a full slot; it then
// runs 2 s. A lognormal `[mock:slow]` could end in 2 s and let the fourth straight through.
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ speed: 12 }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const prompts = ["A fox", "An owl", "A heron"]
  .map((p) => `${p} [mock:slow:360s]`)
  .concat("A lynx [mock:slow:24s]");

const isSubmit = (url: string) => new URL(url).pathname === "/api/flux/v1/flux-2-pro";

test("four jobs at once: three run, the fourth waits for a free slot, then all four land in Your images", async () => {
  const page = await browser.newPage();
  await page.goto(demo.url);
  // each of the first three is accepted before the next is typed: on a loaded machine two submits sent
  // close together may reach the proxy in either order, and a fourth that overtook the third would run
  for (const prompt of prompts.slice(0, 3)) {
    const accepted = page.waitForResponse((r) => r.request().method() === "POST" && isSubmit(r.url()));
    await submit(page, prompt);
    expect((await accepted).status()).toBe(200);
  }
  const refused = page.waitForResponse((r) => r.request().method() === "POST" && isSubmit(r.url()));
  await submit(page, prompts[3]!);
  expect((await refused).status()).toBe(429);
  const tray = page.getByRole("region", { name: "Jobs" });
  const fourth = prompts[3]!;
  await tray.locator("li", { hasText: fourth }).waitFor();
  // the proxy's per-visitor limit (3): the fourth is refused with 429 and waits, saying so
  await expect
    .poll(() => tray.locator("li", { hasText: fourth }).textContent({ timeout: 5_000 }), {
      timeout: 20_000,
    })
    .toContain("Waiting for a free slot");
  expect(await page.locator(".flux-viewer .flux-title").textContent()).toBe("Waiting for a free slot…");
  expect(await page.locator(".flux-viewer").textContent()).toContain("3 of your images are being generated");
  await screenshot(page, "jobs-waiting", { fullPage: true });
  expect(await axeViolations(page, ".flux-studio")).toEqual([]);

  const history = page.getByRole("region", { name: "Your images" });
  // bounds a stuck run only: four slow tasks, the last after one of the first three ends
  await expect
    .poll(() => history.getByRole("button", { name: /^Show image:/ }).count(), { timeout: 60_000 })
    .toBe(4);
  expect(await tray.count()).toBe(0);
  await page.close();
}, 90_000);

test("a waiting job is cancelled from the keyboard and never reaches BFL", async () => {
  const page = await browser.browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(demo.url);
  for (const prompt of prompts) await submit(page, prompt.replace(/\[mock:slow:\d+s\]/, "[mock:stuck]"));
  const tray = page.getByRole("region", { name: "Jobs" });
  const waiting = tray.locator("li", { hasText: "A lynx" });
  await expect.poll(() => waiting.textContent(), { timeout: 20_000 }).toContain("Waiting for a free slot");
  await screenshot(page, "jobs-phone", { fullPage: true });
  const cancel = waiting.getByRole("button", { name: "Cancel: A lynx [mock:stuck]" });
  await cancel.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => waiting.textContent()).toContain("Stopped waiting");
  // three tasks exist on the server for this visitor, not four
  const gallery = (await (await page.request.get(`${demo.url}/api/demo/gallery`)).json()) as {
    pending: unknown[];
  };
  expect(gallery.pending).toHaveLength(3);
  expect(await axeViolations(page, ".flux-studio")).toEqual([]);
  await page.close();
}, 60_000);
