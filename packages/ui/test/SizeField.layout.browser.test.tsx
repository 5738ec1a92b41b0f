import { afterEach, expect, test } from "vitest";
import { page, userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { PromptForm } from "../src/PromptForm";
import "../src/styles.css";

// Real Chromium, for real layout: a custom size at a phone's width keeps Width and Height side by side, with
// Swap and Lock under them, nothing past the form's edge (#14).
afterEach(async () => {
  await page.viewport(414, 896);
});

test("a custom size at 320 px: sides in one row, Swap and Lock under them, inside the form; the lock looks pressed", async () => {
  await page.viewport(320, 800);
  const screen = await render(
    <PromptForm onSubmit={() => undefined} defaultValue={{ preset: "custom", width: 1600, height: 896 }} />,
  );
  const form = document.querySelector("form")!.getBoundingClientRect();
  const box = (element: Element) => element.getBoundingClientRect();
  const width = box(screen.getByRole("spinbutton", { name: "Width" }).element());
  const height = box(screen.getByRole("spinbutton", { name: "Height" }).element());
  const swap = screen.getByRole("button", { name: "Swap width and height" });
  const lock = screen.getByRole("button", { name: "Lock aspect ratio" });
  expect(height.top).toBe(width.top);
  expect(height.left).toBeGreaterThan(width.right);
  for (const button of [swap, lock]) {
    const b = box(button.element());
    expect(b.top).toBeGreaterThanOrEqual(width.bottom);
    expect(b.left).toBeGreaterThanOrEqual(form.left);
    expect(b.right).toBeLessThanOrEqual(form.right + 0.5);
  }
  expect(height.right).toBeLessThanOrEqual(form.right + 0.5);
  expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);

  const before = getComputedStyle(lock.element()).borderColor;
  await userEvent.click(lock);
  await expect.element(lock).toHaveAttribute("aria-pressed", "true");
  // after the border's transition
  await expect.poll(() => getComputedStyle(lock.element()).borderColor).not.toBe(before);
});
