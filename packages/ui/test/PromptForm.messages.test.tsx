import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import fc from "fast-check";
import { getModelInfo, validateInput, type ModelId } from "@flux-kit/core";
import { describe, expect, it, vi } from "vitest";
import { PromptForm } from "../src/PromptForm";
import type { PromptFormRequest } from "../src/formValue";
import { nearestSize } from "../src/sizePresets";

// #14 defect 8: validation messages say the rule in words, once per problem, offer the nearest valid value and
// show the rules before the person breaks them.
async function customSize(width: string, height: string, model: ModelId = "flux-2-pro") {
  const user = userEvent.setup();
  const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
  render(<PromptForm onSubmit={onSubmit} defaultValue={{ model, prompt: "a fox" }} />);
  await user.click(screen.getByRole("radio", { name: "Custom" }));
  const w = screen.getByRole("spinbutton", { name: "Width" });
  const h = screen.getByRole("spinbutton", { name: "Height" });
  await user.clear(w);
  await user.type(w, width);
  await user.clear(h);
  await user.type(h, height);
  return { user, onSubmit, w, h };
}

describe("PromptForm messages in words (#14, defect 8)", () => {
  it("shows a custom size's rules before any submit", async () => {
    await customSize("1024", "1024");
    expect(screen.getByText("Multiples of 16, 64–4096 px a side, at most 4 megapixels.")).toBeInTheDocument();
    expect(screen.getByRole("spinbutton", { name: "Width" })).toHaveAccessibleDescription(
      "Multiples of 16, 64–4096 px a side, at most 4 megapixels.",
    );
  });

  it("a size over the pixel cap is one problem, said once, with the nearest size to use", async () => {
    const { user, onSubmit, w, h } = await customSize("4096", "4096");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Fix 1 field before generating.");
    const group = screen.getByRole("group", { name: "Size" });
    expect(within(group).getAllByText(/Width × height can be at most 4 megapixels\./)).toHaveLength(1);
    expect(group.textContent).not.toMatch(/Value error|4194304/);
    await user.click(screen.getByRole("button", { name: "Use 2048 × 2048" }));
    expect(w).toHaveValue(2048);
    expect(h).toHaveValue(2048);
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].input).toMatchObject({ width: 2048, height: 2048 });
  });

  it("sides off the step name the step and offer the nearest valid size (1920 × 1088)", async () => {
    // typed sides snap on blur (SizeField.presets.test.tsx); a value set in code keeps its sides
    const user = userEvent.setup();
    render(
      <PromptForm
        onSubmit={() => undefined}
        defaultValue={{ prompt: "a fox", preset: "custom", width: 1917, height: 1083 }}
      />,
    );
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Fix 1 field before generating.");
    expect(
      screen.getByText("Width must be a multiple of 16. Height must be a multiple of 16."),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Use 1920 × 1088" })).toBeInTheDocument();
  });

  it("a number out of range states the range; a fraction where a whole number belongs says so", async () => {
    const user = userEvent.setup();
    render(
      <PromptForm onSubmit={() => undefined} defaultValue={{ model: "flux-2-flex", prompt: "a fox" }} />,
    );
    const steps = screen.getByRole("spinbutton", { name: "Steps" });
    await user.clear(steps);
    await user.type(steps, "90");
    await user.click(screen.getByText("Advanced settings"));
    await user.click(screen.getByRole("checkbox", { name: "Fixed seed" }));
    const seed = screen.getByRole("spinbutton", { name: "Seed" });
    await user.clear(seed);
    await user.type(seed, "1.5");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(() =>
      expect(steps).toHaveAccessibleDescription(expect.stringContaining("Steps must be between 1 and 50.")),
    );
    expect(seed).toHaveAccessibleDescription(expect.stringContaining("Seed must be a whole number."));
    expect(screen.getByRole("alert")).toHaveTextContent("Fix 2 fields before generating.");
  });

  it("a server's 422 is worded the same way", () => {
    render(
      <PromptForm
        onSubmit={() => undefined}
        defaultValue={{ model: "flux-kontext-pro", prompt: "a fox", preset: "custom", aspectRatio: "9:1" }}
        errors={[
          {
            path: "aspect_ratio",
            message: "Value error, aspect ratio should be between 1:4 and 4:1",
            type: "value_error",
          },
        ]}
      />,
    );
    expect(screen.getByText("The ratio must be between 1:4 and 4:1.")).toBeInTheDocument();
  });

  it("nearestSize always gives a size the model's schema accepts (checked against zod, for every width/height model)", () => {
    const models = (["flux-2-pro", "flux-2-klein-4b", "flux-pro-1.1", "flux-dev"] as const).filter(
      (id) => getModelInfo(id).capabilities.size.kind === "dimensions",
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.integer({ min: -100, max: 12_000 }),
        fc.integer({ min: -100, max: 12_000 }),
        (id, width, height) => {
          const size = getModelInfo(id).capabilities.size;
          if (size.kind !== "dimensions") return;
          const fixed = nearestSize(size, width, height);
          expect(validateInput(id, { prompt: "a fox", ...fixed }).success).toBe(true);
        },
      ),
    );
  });
});
