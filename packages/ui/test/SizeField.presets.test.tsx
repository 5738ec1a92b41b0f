import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ModelId } from "@flux-kit/core";
import { describe, expect, it, vi } from "vitest";
import { PromptForm } from "../src/PromptForm";
import type { PromptFormRequest, PromptFormValue } from "../src/formValue";
import { expectNoAxeViolations } from "./axe";

// #14 "Sizes people think in": 1/2/4 MP at the current ratio, swap, a ratio lock, sides that snap on blur.
function renderForm(defaultValue: Partial<PromptFormValue> = {}) {
  const user = userEvent.setup();
  const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
  const view = render(<PromptForm onSubmit={onSubmit} defaultValue={{ prompt: "a fox", ...defaultValue }} />);
  return { user, onSubmit, view };
}

/** The megapixel choice offers exactly these radios, by accessible name, in order. */
function expectMegapixels(names: readonly string[]) {
  const radios = within(screen.getByRole("radiogroup", { name: "Megapixels" })).getAllByRole("radio");
  expect(radios).toHaveLength(names.length);
  names.forEach((name, i) => expect(radios[i]).toHaveAccessibleName(name));
}

const side = (name: "Width" | "Height") => screen.getByRole("spinbutton", { name });

describe("SizeField: sizes people think in (#14)", () => {
  it("offers 1, 2 and 4 MP on flux-2-pro, named with the size they give; a choice keeps the ratio preset", async () => {
    const { user, onSubmit } = renderForm();
    expectMegapixels(["1 MP (1024 × 1024)", "2 MP (1456 × 1456)", "4 MP (2048 × 2048)"]);
    // what shows is "1 MP"; the size is there for screen readers only
    const one = screen.getByRole("radio", { name: "1 MP (1024 × 1024)" });
    expect(one).toBeChecked();
    const hidden = within(one.closest("label")!).getByText("(1024 × 1024)");
    expect(hidden).toHaveStyle({ position: "absolute", width: "1px", overflow: "hidden" });
    expect(hidden.parentElement!.firstChild).toHaveTextContent("1 MP");

    await user.click(screen.getByRole("radio", { name: "16:9" }));
    expect(screen.getByText("1360 × 768")).toBeInTheDocument();
    await user.click(screen.getByRole("radio", { name: "4 MP (2720 × 1536)" }));
    expect(screen.getByRole("radio", { name: "4 MP (2720 × 1536)" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "16:9" })).toBeChecked();
    expect(screen.getByText("2720 × 1536")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].input).toMatchObject({ width: 2720, height: 1536 });
  });

  it.each(["flux-pro-1.1", "flux-dev"] as const)(
    "%s (sides up to 1440 px) offers 1 and 2 MP for a square, only 1 MP for 16:9",
    async (model: ModelId) => {
      const { user } = renderForm({ model });
      expectMegapixels(["1 MP (1024 × 1024)", "2 MP (1440 × 1440)"]);
      await user.click(screen.getByRole("radio", { name: "2 MP (1440 × 1440)" }));
      expect(screen.getByText("1440 × 1440")).toBeInTheDocument();
      await user.click(screen.getByRole("radio", { name: "16:9" }));
      expectMegapixels(["1 MP (1344 × 768)"]);
      expect(screen.queryByRole("radio", { name: /^2 MP/ })).toBeNull();
    },
  );

  it("a model sized by aspect ratio, and Match input, have no megapixel choice", () => {
    const { view } = renderForm({ model: "flux-kontext-pro" });
    expect(screen.getByRole("radio", { name: "16:9" })).toBeInTheDocument();
    expect(screen.queryByRole("radiogroup", { name: "Megapixels" })).toBeNull();
    view.unmount();

    const image = { id: "a", src: "https://example.com/a.png", name: "a.png", bytes: 0 };
    renderForm({ preset: "match", images: [image] });
    expect(screen.getByRole("radio", { name: "Match input" })).toBeChecked();
    expect(screen.queryByRole("radiogroup", { name: "Megapixels" })).toBeNull();
  });

  it("in a custom size, the megapixels keep the typed ratio", async () => {
    const { user } = renderForm({ preset: "custom", width: 1536, height: 1024 });
    await user.click(screen.getByRole("radio", { name: /^2 MP/ }));
    expect(side("Width")).toHaveValue(1776);
    expect(side("Height")).toHaveValue(1184);
  });

  it("Swap width and height turns a size round, onto valid sides", async () => {
    // 1917 × 1083 is off flux-2's step of 16: the swap gives the nearest valid size, turned
    const { user } = renderForm({ preset: "custom", width: 1917, height: 1083 });
    await user.click(screen.getByRole("button", { name: "Swap width and height" }));
    expect(side("Width")).toHaveValue(1088);
    expect(side("Height")).toHaveValue(1920);
    await user.click(screen.getByRole("button", { name: "Swap width and height" }));
    expect(side("Width")).toHaveValue(1920);
    expect(side("Height")).toHaveValue(1088);
  });

  it("Lock aspect ratio, from the keyboard: each side follows the other, on the step; off again, they are free", async () => {
    const { user } = renderForm({ preset: "custom", width: 1600, height: 896 });
    const lock = screen.getByRole("button", { name: "Lock aspect ratio" });
    expect(lock).toHaveAttribute("aria-pressed", "false");
    await user.click(side("Height"));
    await user.tab(); // Swap width and height
    await user.tab();
    expect(lock).toHaveFocus();
    await user.keyboard(" ");
    expect(lock).toHaveAttribute("aria-pressed", "true");

    await user.clear(side("Width"));
    await user.type(side("Width"), "2000");
    // 2000 × 896 / 1600 = 1120
    expect(side("Height")).toHaveValue(1120);
    await user.clear(side("Height"));
    await user.type(side("Height"), "500");
    // 500 × 1600 / 896 = 892.9, to the step of 16: 896
    expect(side("Width")).toHaveValue(896);

    // back to the lock by Tab; leaving Height snaps its 500 to the step: 496
    await user.tab();
    await user.tab();
    expect(lock).toHaveFocus();
    expect(side("Height")).toHaveValue(496);
    await user.keyboard("{Enter}");
    expect(lock).toHaveAttribute("aria-pressed", "false");
    await user.clear(side("Width"));
    await user.type(side("Width"), "1024");
    expect(side("Height")).toHaveValue(496);
  });

  it("a swap while locked keeps the lock, at the turned ratio", async () => {
    const { user } = renderForm({ preset: "custom", width: 1600, height: 896 });
    await user.click(screen.getByRole("button", { name: "Lock aspect ratio" }));
    await user.click(screen.getByRole("button", { name: "Swap width and height" }));
    expect(screen.getByRole("button", { name: "Lock aspect ratio" })).toHaveAttribute("aria-pressed", "true");
    await user.clear(side("Width"));
    await user.type(side("Width"), "448");
    // 896 × 1600: 448 wide is 800 high
    expect(side("Height")).toHaveValue(800);
  });

  it("typed sides snap on blur to the step and the range; the pixel cap stays an error offering a size", async () => {
    const { user } = renderForm({ preset: "custom" });
    await user.clear(side("Width"));
    await user.type(side("Width"), "1917");
    expect(side("Width")).toHaveValue(1917); // not while typing
    await user.tab();
    expect(side("Width")).toHaveValue(1920);
    await user.clear(side("Height"));
    await user.type(side("Height"), "30");
    await user.tab();
    expect(side("Height")).toHaveValue(64);
    await user.clear(side("Height"));
    await user.type(side("Height"), "9000");
    await user.click(side("Width"));
    expect(side("Height")).toHaveValue(4096);
    // an emptied side stays empty
    await user.clear(side("Width"));
    await user.tab();
    expect(side("Width")).toHaveValue(null);

    // 4096 × 4096 is on the step and in range, but over 4 MP: not changed on blur, offered instead
    await user.type(side("Width"), "4096");
    await user.tab();
    expect(side("Width")).toHaveValue(4096);
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(await screen.findByRole("button", { name: "Use 2048 × 2048" })).toBeInTheDocument();
  });

  it("snaps to flux-dev's step of 32 and its 256–1440 px range", async () => {
    const { user } = renderForm({ model: "flux-dev", preset: "custom" });
    await user.clear(side("Width"));
    await user.type(side("Width"), "1000");
    await user.tab();
    expect(side("Width")).toHaveValue(992);
    await user.clear(side("Height"));
    await user.type(side("Height"), "2000");
    await user.tab();
    expect(side("Height")).toHaveValue(1440);
  });

  it("has no axe violations with the megapixels, swap and a pressed lock", async () => {
    const { user, view } = renderForm({ preset: "custom", width: 1600, height: 896 });
    await user.click(screen.getByRole("button", { name: "Lock aspect ratio" }));
    await expectNoAxeViolations(view.container);
  });
});
