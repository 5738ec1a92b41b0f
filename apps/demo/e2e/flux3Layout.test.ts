import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { boxColour } from "@flux-kit/mock";
import { axeViolations } from "./axe";
import { launchBrowser, screenshotOf, type DemoBrowser } from "./browser";
import { startDemo, type RunningDemo } from "./startDemo";

// FLUX 3 Image's layout, end to end: boxes drawn in the browser (two by mouse, one by keyboard) reach the API in
// the prompt, and the mock paints each row's box in its id's colour, so the returned image shows where they went.

let demo: RunningDemo;
let browser: DemoBrowser;
let page: Page;

beforeAll(async () => {
  // FLUX 3's typical run is 90 s: at 30× it takes about 3 s, through Reasoning and Generating
  [demo, browser] = await Promise.all([startDemo({ speed: 30, model: "flux-3-image" }), launchBrowser()]);
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** A box's place on the 0–1000 grid, read from what a screen reader hears of it. */
async function gridBoxOf(page: Page, id: string) {
  const label = await page
    .locator(".flux-layout-box:not([data-target])", { hasText: id })
    .getAttribute("aria-label");
  const match = /top (\d+), left (\d+), (\d+) wide, (\d+) tall/.exec(label ?? "");
  if (!match) throw new Error(`no position in the label of ${id}: ${label}`);
  const [top, left, width, height] = match.slice(1).map(Number) as [number, number, number, number];
  return { top, left, width, height };
}

/** Drags on the frame from one point to another, in fractions of its size. */
async function drawByMouse(page: Page, from: [number, number], to: [number, number]) {
  await page.locator(".flux-layout-frame").scrollIntoViewIfNeeded();
  const frame = await page.locator(".flux-layout-frame").boundingBox();
  if (!frame) throw new Error("the layout frame is not on screen");
  const at = ([x, y]: [number, number]) => [frame.x + x * frame.width, frame.y + y * frame.height] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]), { steps: 4 });
  await page.mouse.move(...at(to), { steps: 4 });
  await page.mouse.up();
}

test("the demo starts with FLUX 3 Image, first in the picker", async () => {
  await page.goto(demo.url);
  const picker = page.getByRole("combobox", { name: "Model" });
  await picker.waitFor();
  expect(await picker.inputValue()).toBe("flux-3-image");
  expect(await picker.locator("option").first().getAttribute("value")).toBe("flux-3-image");
  await page.getByRole("group", { name: "Resolution" }).waitFor();
});

test("two boxes drawn by mouse and one by keyboard reach the API: each box's colour is at its centre", async () => {
  await page.getByLabel("Prompt", { exact: true }).fill("A poster.");
  await page.getByRole("combobox", { name: "Aspect ratio" }).selectOption("16:9");
  await page.getByRole("button", { name: "Draw a layout" }).click();
  const add = page.getByRole("button", { name: "Add box" });
  await add.waitFor();

  await drawByMouse(page, [0.06, 0.08], [0.3, 0.4]);
  await drawByMouse(page, [0.7, 0.1], [0.94, 0.45]);
  // the third by keyboard: added in the middle, moved down with the arrow keys, made wider with Shift+Right
  await add.focus();
  await page.keyboard.press("Enter");
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.classList.contains("flux-layout-box")))
    .toBe(true);
  for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+ArrowRight");

  const ids = ["box_1", "box_2", "box_3"];
  for (const [i, id] of ids.entries()) {
    await page.getByRole("button", { name: `Cite ${id} in the prompt` }).click();
    await page
      .getByRole("textbox", { name: "Description" })
      .nth(i)
      .fill(`Element ${i + 1}`);
  }
  expect(await page.getByLabel("Prompt", { exact: true }).inputValue()).toBe(
    "A poster. <box_1> <box_2> <box_3>",
  );
  const boxes = await Promise.all(ids.map((id) => gridBoxOf(page, id)));
  // the keyboard's box went down 200 and grew 50 wider than it was added
  expect(boxes[2]!.top).toBeGreaterThanOrEqual(500);
  expect(boxes[2]!.width).toBeGreaterThan(300);
  expect(await axeViolations(page, ".flux-form")).toEqual([]);
  await screenshotOf(page.locator(".flux-layout"), "flux3-layout");

  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const image = page.locator(".flux-viewer img.flux-image");
  await image.waitFor({ timeout: 60_000 });
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const centres = await image.evaluate((img: HTMLImageElement, grid) => {
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    return grid.map(({ top, left, width, height }) => {
      const x = Math.round(((left + width / 2) / 1000) * canvas.width);
      const y = Math.round(((top + height / 2) / 1000) * canvas.height);
      return [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
    });
  }, boxes);
  ids.forEach((id, i) => {
    const expected = boxColour(id);
    const got = centres[i]!;
    // a JPEG: each channel within a small distance of the flat colour the mock painted
    for (let c = 0; c < 3; c++)
      expect(Math.abs(got[c]! - expected[c]!), `${id} channel ${c}`).toBeLessThan(24);
  });
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth / img.naturalHeight)).toBeCloseTo(
    16 / 9,
    1,
  );
  await screenshotOf(page.locator(".flux-studio-viewer"), "flux3-ready");
}, 120_000);
