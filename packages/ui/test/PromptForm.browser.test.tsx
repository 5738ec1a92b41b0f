import { expect, test } from "vitest";
import { userEvent } from "vitest/browser";
import { flux2Pro } from "@flux-kit/core";
import { sizeForRatio } from "../src/sizePresets";
import { render } from "vitest-browser-react";
import { PromptForm } from "../src/PromptForm";
import "../src/styles.css";

// focus order needs a real browser: happy-dom lets focus into a closed <details>
test("tab order follows reading order, skipping the closed advanced section", async () => {
  const screen = await render(
    <PromptForm onSubmit={() => undefined} defaultValue={{ model: "flux-2-klein-4b" }} />,
  );
  const order = [
    screen.getByRole("textbox", { name: "Prompt" }),
    screen.getByRole("combobox", { name: "Model" }),
    screen.getByRole("button", { name: "Choose files…" }),
    screen.getByRole("textbox", { name: "Image URL" }),
    screen.getByRole("radio", { name: "1:1" }),
    // the megapixel choice, one stop like the presets (#14)
    screen.getByRole("radio", { name: /^1 MP/ }),
    screen.getByText("Advanced settings"),
    screen.getByRole("button", { name: "Generate" }),
  ];
  // Real Tab presses from the browser, all in one provider call (each call is a round trip through the
  // test runner and Playwright, slow on a loaded machine); focus events record where each press moved focus.
  const focused: (EventTarget | null)[] = [];
  const record = (event: FocusEvent) => void focused.push(event.target);
  document.addEventListener("focusin", record);
  try {
    await userEvent.keyboard("{Tab}".repeat(order.length));
  } finally {
    document.removeEventListener("focusin", record);
  }
  expect(focused).toHaveLength(order.length);
  order.forEach((element, press) => expect(focused[press], `Tab ${press + 1}`).toBe(element.element()));
  await expect.element(screen.getByRole("button", { name: "Generate" })).toHaveFocus();
  expect(navigator.userAgent).toMatch(/Chrome\//);
});

test("arrow keys move between size presets", async () => {
  const screen = await render(<PromptForm onSubmit={() => undefined} />);
  await screen.getByText("1:1", { exact: true }).click();
  await expect.element(screen.getByRole("radio", { name: "1:1" })).toHaveFocus();
  await userEvent.keyboard("{ArrowRight}");
  await expect.element(screen.getByRole("radio", { name: "4:3" })).toBeChecked();
  const size = flux2Pro.capabilities.size;
  if (size.kind !== "dimensions") throw new Error("flux-2-pro is sized by width and height");
  const { width, height } = sizeForRatio(size, "4:3");
  // exact: the 1 MP choice names the same size to screen readers, in brackets
  await expect.element(screen.getByText(`${width} × ${height}`, { exact: true })).toBeInTheDocument();
});
