import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { axeViolations } from "./axe";
import { launchBrowser, screenshot, submitPrompt as submit, type DemoBrowser } from "./browser";
import { startDemo, type RunningDemo } from "./startDemo";

let demo: RunningDemo;
let browser: DemoBrowser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ speed: 20 }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** Waits until the viewer shows a loaded image for `prompt`. */
async function readyImage(page: Page, prompt: string): Promise<void> {
  const image = page.locator(".flux-viewer img.flux-image");
  await expect
    .poll(() => image.getAttribute("alt", { timeout: 1_000 }).catch(() => null), { timeout: 30_000 })
    .toBe(`Generated image: ${prompt}`);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
}

for (const width of [1920, 390]) {
  test(`at ${width} px: generate, edit the result, compare before and after, then the full-screen view by keyboard`, async () => {
    const page = await browser.browser.newPage({ viewport: { width, height: width > 1000 ? 1080 : 844 } });
    await page.goto(demo.url);
    await submit(page, "A red barn in a field");
    await readyImage(page, "A red barn in a field");

    // Edit this image: the result becomes the reference, and the form waits for what to change
    await page.getByRole("button", { name: "Edit this image" }).click();
    const prompt = page.getByLabel("Prompt", { exact: true });
    await expect.poll(() => prompt.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole("button", { name: /^Remove / }).waitFor();
    await submit(page, "The same barn, painted blue");
    await readyImage(page, "The same barn, painted blue");

    // before and after: the slider moves from the keyboard, the original revealed up to it
    const compare = page.getByRole("button", { name: "Compare with original" });
    await compare.click();
    expect(await compare.getAttribute("aria-pressed")).toBe("true");
    const slider = page.getByRole("slider", { name: "Original shown" });
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    expect(await slider.getAttribute("aria-valuetext")).toBe("55 %");
    const original = page.locator(".flux-compare-before");
    expect(await original.evaluate((img: HTMLImageElement) => img.style.clipPath)).toBe(
      "inset(0px 45% 0px 0px)",
    );
    expect(await original.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await screenshot(page, `edit-compare-${width}`, { fullPage: true });
    expect(await axeViolations(page, ".flux-studio")).toEqual([]);

    // the full-screen view: opened from the keyboard, the arrows go back to the first image, Escape returns
    const full = page.getByRole("button", { name: "Full screen" });
    await full.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Image viewer" });
    await dialog.waitFor();
    expect(await dialog.getByText("1 of 2").count()).toBe(1);
    await page.keyboard.press("ArrowRight");
    expect(await dialog.getByText("2 of 2").count()).toBe(1);
    expect(await dialog.getByRole("img").getAttribute("alt")).toBe("Generated image: A red barn in a field");
    // it covers the window
    const box = await dialog.boundingBox();
    expect(box?.width).toBe(width);
    await page.keyboard.press("+");
    expect(await dialog.getByRole("status").textContent()).toBe("200 %");
    await screenshot(page, `lightbox-${width}`);
    expect(await axeViolations(page, ".flux-lightbox")).toEqual([]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await full.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  }, 90_000);
}
