import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { valueForModel } from "./formValue";
import { PromptForm } from "./PromptForm";

const meta = {
  title: "Components/PromptForm",
  component: PromptForm,
  args: { onSubmit: fn(), style: { maxWidth: 460 } },
} satisfies Meta<typeof PromptForm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole("textbox", { name: "Prompt" }), "A lighthouse at dusk");
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    // the checks load on demand, so the submit may wait for them
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({
        model: "flux-2-pro",
        input: expect.objectContaining({
          prompt: "A lighthouse at dusk",
          width: 1024,
          height: 1024,
        }) as unknown,
      }),
    );
  },
};

/**
 * FLUX 3 Image's own fields: references as chips, the ratio with what auto does, the tiers with their size and
 * price, and the layout editor (a chunk of its own, opened here). A box added and moved from the keyboard, cited
 * from its row, is written into the prompt after the caption.
 */
export const Flux3Layout: Story = {
  args: { defaultValue: { model: "flux-3-image", prompt: "A poster.", aspectRatio: "16:9", preset: "16:9" } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("radio", { name: /^1k 1 MP · ≈ 4\.8 credits$/ })).toBeChecked();
    await userEvent.click(canvas.getByRole("button", { name: "Draw a layout" }));
    const add = await canvas.findByRole("button", { name: "Add box" });
    add.focus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(document.activeElement).toHaveClass("flux-layout-box"));
    await userEvent.keyboard("{ArrowUp}{ArrowUp}{Shift>}{ArrowRight}{/Shift}");
    await userEvent.click(canvas.getByRole("button", { name: "Cite box_1 in the prompt" }));
    await userEvent.type(canvas.getByRole("textbox", { name: "Description" }), "The headline");
    await userEvent.click(canvas.getByRole("button", { name: "Generate" }));
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({
        model: "flux-3-image",
        input: expect.objectContaining({
          prompt: expect.stringMatching(
            /^A poster\. <box_1> \[\{"id":"box_1","bbox":\[\d+,\d+,\d+,\d+\],"desc":"The headline"\}\]$/,
          ) as unknown,
          aspect_ratio: "16:9",
          resolution: "1k",
        }) as unknown,
        // the job is named by the prompt as typed; the request's carries the rows after it
        caption: "A poster. <box_1>",
      }),
    );
  },
};

export const ValidationErrors: Story = {
  args: { defaultValue: { model: "flux-2-pro", preset: "custom", width: 1000, height: 5000 } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Generate" }));
    await expect(await canvas.findByRole("alert")).toHaveTextContent(/Fix \d fields/);
    await expect(args.onSubmit).not.toHaveBeenCalled();
    await expect(canvas.getByRole("textbox", { name: "Prompt" })).toHaveAttribute("aria-invalid", "true");
    await expect(canvas.getByRole("spinbutton", { name: "Width" })).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(canvas.getByRole("textbox", { name: "Prompt" })).toHaveFocus());
  },
};

/** An invalid custom size with a valid prompt: focus goes to the invalid Width, not to a preset before it. */
export const InvalidCustomSize: Story = {
  args: {
    defaultValue: { model: "flux-2-pro", prompt: "A fox", preset: "custom", width: 1000, height: 768 },
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Generate" }));
    const width = canvas.getByRole("spinbutton", { name: "Width" });
    await waitFor(() => expect(width).toHaveAttribute("aria-invalid", "true"));
    await expect(args.onSubmit).not.toHaveBeenCalled();
    await expect(width).toHaveAccessibleDescription(
      "Width must be a multiple of 16. Multiples of 16, 64–4096 px a side, at most 4 megapixels.",
    );
    await waitFor(() => expect(width).toHaveFocus());
  },
};

/** Reference images at the model's limit, and files refused for size or pixel count, each saying why. */
export const ImageLimits: Story = {
  // fill takes exactly one image
  args: { defaultValue: { model: "flux-pro-1.0-fill", prompt: "A red door" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvasElement.querySelector<HTMLInputElement>("input[type=file]")!;
    const big = new File([new Uint8Array(21 * 1024 * 1024)], "big.png", { type: "image/png" });
    await userEvent.upload(input, big);
    await expect(await canvas.findByText(/big\.png: This image is 21\.0 MB/)).toBeVisible();
    const png = await (await fetch(new URL("/flux-kit-sample.png", location.href))).blob();
    await userEvent.upload(input, new File([png], "sample.png", { type: "image/png" }));
    await expect(await canvas.findByRole("img", { name: "sample.png" })).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Choose files…" })).toBeDisabled();
  },
};

export const FlexAdvancedSettings: Story = {
  args: {
    defaultValue: { model: "flux-2-flex", prompt: "Poster with the word FLUX in bold type", seed: 1234 },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText("Advanced settings"));
    await expect(canvas.getByRole("spinbutton", { name: "Steps" })).toHaveValue(50);
    await expect(canvas.getByRole("spinbutton", { name: "Guidance" })).toHaveValue(5);
    await expect(canvas.getByRole("checkbox", { name: "Fixed seed" })).toBeChecked();
  },
};

export const EditingWithReferenceImages: Story = {
  args: { defaultValue: { model: "flux-kontext-pro", prompt: "Make it night, with a full moon" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const png = await (await fetch(new URL("/flux-kit-sample.png", location.href))).blob();
    const input = canvasElement.querySelector<HTMLInputElement>("input[type=file]")!;
    await userEvent.upload(input, new File([png], "sample.png", { type: "image/png" }));
    await expect(await canvas.findByRole("img", { name: "sample.png" })).toBeVisible();
    await userEvent.click(canvas.getByRole("radio", { name: "16:9" }));
    await expect(canvas.getByText("16:9", { selector: "p" })).toBeVisible();
  },
};

/**
 * FLUX.1 Fill: a mask painted over the reference image from the keyboard (Space lowers the brush, arrows paint),
 * then sent with the image as a black-and-white PNG.
 */
export const MaskPainting: Story = {
  args: { defaultValue: { model: "flux-pro-1.0-fill", prompt: "A red door" } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const png = await (await fetch(new URL("/flux-kit-sample.png", location.href))).blob();
    const input = canvasElement.querySelector<HTMLInputElement>("input[type=file]")!;
    await userEvent.upload(input, new File([png], "sample.png", { type: "image/png" }));
    await userEvent.click(await canvas.findByRole("button", { name: "Paint a mask" }, { timeout: 10_000 }));
    const surface = await canvas.findByRole("application", { name: /^Mask\./ }, { timeout: 10_000 });
    surface.focus();
    await userEvent.keyboard("[Space][ArrowRight][ArrowRight][ArrowDown][Space]");
    await expect(canvas.getByText(/^Brush at 54 % across, 52 % down$/)).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Done" }));
    await expect(canvas.getByRole("img", { name: "The mask: white where the image changes" })).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Generate" }));
    await waitFor(() => expect(args.onSubmit).toHaveBeenCalledTimes(1));
    const [request] = args.onSubmit.mock.calls[0] as [{ input: Record<string, unknown> }];
    await expect(String(request.input.mask)).toMatch(/^data:image\/png;base64,/);
  },
};

export const Busy: Story = {
  args: { busy: true, defaultValue: { prompt: "A red fox" } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("button", { name: "Generating…" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
  },
};

export const Translated: Story = {
  args: {
    labels: {
      prompt: "Beschreibung",
      promptPlaceholder: "Ein roter Fuchs im Schnee",
      model: "Modell",
      size: "Größe",
      advanced: "Erweitert",
      submit: "Erzeugen",
      submitHint: "Strg+Enter zum Erzeugen",
      characters: (n) => `${n} Zeichen`,
      customSize: "Eigene",
    },
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("button", { name: "Erzeugen" })).toBeVisible();
  },
};

function ControlledForm() {
  const [value, setValue] = useState(() =>
    valueForModel("flux-pro-1.1-ultra", { prompt: "Mountains at dawn" }),
  );
  return (
    <div style={{ display: "grid", gap: 12, maxWidth: 460 }}>
      <PromptForm value={value} onValueChange={setValue} onSubmit={() => undefined} />
      <output aria-label="Current value" style={{ fontFamily: "monospace", fontSize: 12 }}>
        {value.model} · {value.aspectRatio} · {value.prompt.length} chars
      </output>
    </div>
  );
}

export const Controlled: Story = {
  render: () => <ControlledForm />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("radio", { name: "21:9" }));
    await expect(canvas.getByRole("status", { name: "Current value" })).toHaveTextContent("21:9");
  },
};

/** The dark theme (axe checks its colour contrast too). */
export const ValidationErrorsDark: Story = { ...ValidationErrors, globals: { theme: "dark" } };
export const ImageLimitsDark: Story = { ...ImageLimits, globals: { theme: "dark" } };
export const FlexAdvancedSettingsDark: Story = { ...FlexAdvancedSettings, globals: { theme: "dark" } };
