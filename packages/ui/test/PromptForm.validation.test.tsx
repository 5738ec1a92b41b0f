import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { PromptForm } from "../src/PromptForm";
import type { PromptFormRequest } from "../src/formValue";
import { expectNoAxeViolations } from "./axe";

describe("PromptForm validation", () => {
  it("shows the schema's error beside an empty prompt, sends nothing and focuses the field", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} />);
    await user.click(screen.getByRole("button", { name: "Generate" }));

    const prompt = screen.getByRole("textbox", { name: "Prompt" });
    expect(onSubmit).not.toHaveBeenCalled();
    expect(prompt).toHaveAttribute("aria-invalid", "true");
    expect(prompt).toHaveAccessibleDescription(expect.stringMatching(/Describe the image you want/));
    expect(screen.getByRole("alert")).toHaveTextContent("Fix 1 field before generating.");
    await waitFor(() => expect(prompt).toHaveFocus());
  });

  it("clears the error once the field is fixed, then submits the model's request body", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} />);
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "a fox");
    expect(screen.getByRole("textbox", { name: "Prompt" })).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByRole("alert")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(onSubmit).toHaveBeenCalledWith({
      model: "flux-2-pro",
      // disable_pup: the "Use my prompt as written" switch of [pro]/[max], off as BFL's default
      input: {
        prompt: "a fox",
        width: 1024,
        height: 1024,
        output_format: "jpeg",
        safety_tolerance: 2,
        disable_pup: false,
      },
    });
  });

  it("reports a custom width that is not a multiple of 16 beside the size field", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    // a typed side snaps to the step on blur (SizeField.presets.test.tsx); a value set in code keeps its sides
    render(
      <PromptForm
        onSubmit={onSubmit}
        defaultValue={{ prompt: "a fox", preset: "custom", width: 1000, height: 1024 }}
      />,
    );
    const width = screen.getByRole("spinbutton", { name: "Width" });
    await user.click(screen.getByRole("button", { name: "Generate" }));

    expect(onSubmit).not.toHaveBeenCalled();
    expect(width).toHaveAttribute("aria-invalid", "true");
    expect(width).toHaveAccessibleDescription(
      "Width must be a multiple of 16. Multiples of 16, 64–4096 px a side, at most 4 megapixels.",
    );
    // focus lands on the invalid Width input, not on the (visually hidden) preset radio before it
    await waitFor(() => expect(width).toHaveFocus());
  });

  it("focuses the first invalid field in reading order, then its own invalid control", async () => {
    const user = userEvent.setup();
    render(
      <PromptForm
        onSubmit={() => undefined}
        defaultValue={{ prompt: "a fox", preset: "custom", width: 1024, height: 1000 }}
      />,
    );
    const height = screen.getByRole("spinbutton", { name: "Height" });
    await user.clear(screen.getByRole("textbox", { name: "Prompt" }));
    await user.click(screen.getByRole("button", { name: "Generate" }));
    // two invalid fields: the prompt comes first
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveFocus());
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "a fox");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    // then the size group's invalid Height, skipping Width (valid) and the presets
    await waitFor(() => expect(height).toHaveFocus());
    expect(screen.getByRole("spinbutton", { name: "Width" })).not.toHaveAttribute("aria-invalid");
  });

  it("shows field errors passed in (a server 422) until the value changes", async () => {
    const user = userEvent.setup();
    render(
      <PromptForm
        onSubmit={() => undefined}
        defaultValue={{ prompt: "a fox" }}
        errors={[{ path: "prompt", message: "Prompt rejected by the server", type: "value_error" }]}
      />,
    );
    const prompt = screen.getByRole("textbox", { name: "Prompt" });
    expect(prompt).toHaveAccessibleDescription(expect.stringContaining("Prompt rejected by the server"));
    await user.type(prompt, "!");
    expect(prompt).not.toHaveAccessibleDescription(expect.stringContaining("rejected"));
  });

  it("has no axe violations, with and without errors", async () => {
    const user = userEvent.setup();
    const { container } = render(
      <PromptForm onSubmit={() => undefined} defaultValue={{ model: "flux-2-flex" }} />,
    );
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await expectNoAxeViolations(container);
  });
});
