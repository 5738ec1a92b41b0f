import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { PromptForm } from "../src/PromptForm";
import { valueForModel, type PromptFormRequest, type PromptFormValue } from "../src/formValue";

describe("PromptForm keyboard, models and control", () => {
  it.each(["{Control>}{Enter}{/Control}", "{Meta>}{Enter}{/Meta}"])(
    "submits with %s from the prompt",
    async (keys) => {
      const user = userEvent.setup();
      const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
      render(<PromptForm onSubmit={onSubmit} />);
      await user.type(screen.getByRole("textbox", { name: "Prompt" }), "a lighthouse");
      await user.keyboard(keys);
      expect(onSubmit).toHaveBeenCalledTimes(1);
      expect(onSubmit.mock.calls[0]![0]).toMatchObject({
        model: "flux-2-pro",
        input: { prompt: "a lighthouse" },
      });
    },
  );

  it("a plain Enter in the prompt adds a new line instead of submitting", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} />);
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "line one{Enter}line two");
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveValue("line one\nline two");
    expect(screen.getByText("17 characters")).toBeInTheDocument();
  });

  it("groups the catalogue by family and describes the chosen model", async () => {
    const user = userEvent.setup();
    render(<PromptForm onSubmit={() => undefined} />);
    const select = screen.getByRole("combobox", { name: "Model" });
    expect(within(select).getByRole("group", { name: "FLUX.2" })).toBeInTheDocument();
    expect(within(select).getByRole("group", { name: "FLUX.1 Kontext (editing)" })).toBeInTheDocument();
    await user.selectOptions(select, "flux-kontext-pro");
    expect(select).toHaveAccessibleDescription(
      expect.stringMatching(/Edit an image with a text instruction/),
    );
  });

  it("generates the model's own fields: steps and guidance for flex, aspect ratio for kontext", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} defaultValue={{ prompt: "poster", model: "flux-2-flex" }} />);
    await user.click(screen.getByText("Advanced settings"));
    const steps = screen.getByRole("spinbutton", { name: "Steps" });
    expect(steps).toHaveValue(50);
    expect(screen.getByRole("spinbutton", { name: "Guidance" })).toHaveValue(5);
    await user.clear(steps);
    await user.type(steps, "28");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(onSubmit.mock.calls[0]![0].input).toMatchObject({
      steps: 28,
      guidance: 5,
      prompt_upsampling: true,
    });

    await user.selectOptions(screen.getByRole("combobox", { name: "Model" }), "flux-kontext-pro");
    expect(screen.queryByRole("spinbutton", { name: "Steps" })).toBeNull();
    await user.click(screen.getByRole("radio", { name: "16:9" }));
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(onSubmit.mock.calls[1]![0]).toEqual({
      model: "flux-kontext-pro",
      input: {
        prompt: "poster",
        aspect_ratio: "16:9",
        output_format: "png",
        safety_tolerance: 2,
        prompt_upsampling: false,
      },
    });
  });

  it("sends a fixed seed when one is chosen", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} defaultValue={{ prompt: "x", seed: 7 }} />);
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(onSubmit.mock.calls[0]![0].input.seed).toBe(7);
  });

  it("works controlled: the parent's value is shown and every change reported", async () => {
    const user = userEvent.setup();
    const seen: PromptFormValue[] = [];
    function Parent() {
      const [value, setValue] = useState(() => valueForModel("flux-2-pro", { prompt: "from parent" }));
      return (
        <>
          <PromptForm
            value={value}
            onValueChange={(v) => {
              seen.push(v);
              setValue(v);
            }}
            onSubmit={() => undefined}
          />
          <button type="button" onClick={() => setValue(valueForModel("flux-dev", { prompt: "reset" }))}>
            external
          </button>
        </>
      );
    }
    render(<Parent />);
    expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveValue("from parent");
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "!");
    expect(seen.at(-1)?.prompt).toBe("from parent!");
    await user.click(screen.getByRole("button", { name: "external" }));
    expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveValue("reset");
    expect(screen.getByRole("combobox", { name: "Model" })).toHaveValue("flux-dev");
  });

  it("takes translated labels", () => {
    render(<PromptForm onSubmit={() => undefined} labels={{ prompt: "Beschreibung", submit: "Erzeugen" }} />);
    expect(screen.getByRole("textbox", { name: "Beschreibung" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Erzeugen" })).toBeInTheDocument();
  });

  it("passes className, style, data attributes and ref through to the form", () => {
    let node: HTMLFormElement | null = null;
    render(
      <PromptForm
        onSubmit={() => undefined}
        className="mine"
        style={{ maxWidth: 300 }}
        data-testid="f"
        ref={(n) => {
          node = n;
        }}
      />,
    );
    const form = screen.getByTestId("f");
    expect(form).toHaveClass("flux-form", "mine");
    expect(form).toHaveStyle({ maxWidth: "300px" });
    expect(form).toHaveAttribute("data-state", "idle");
    expect(node).toBe(form);
  });
});
