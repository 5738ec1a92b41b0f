import type { Meta, StoryObj } from "@storybook/react-vite";
import { useRef, useState } from "react";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import type { ReferenceImage } from "./formValue";
import { ReferenceChips, type ReferenceChipsProps } from "./ReferenceChips";

/** A small square SVG as a data URL: an image that needs no network. */
const swatch = (id: string, colour: string): ReferenceImage => ({
  id,
  name: `${id}.png`,
  bytes: 1000,
  src: `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="${colour}"/><circle cx="32" cy="32" r="18" fill="#ffffff" opacity="0.6"/></svg>`,
  )}`,
});
const KITCHEN = swatch("kitchen", "#b45309");
const LAMP = swatch("lamp", "#1e3a8a");
const CAT = swatch("cat", "#047857");
const TEN = [
  "#b91c1c",
  "#c2410c",
  "#a16207",
  "#4d7c0f",
  "#047857",
  "#0e7490",
  "#1d4ed8",
  "#6d28d9",
  "#a21caf",
  "#be123c",
].map((colour, i) => swatch(`ref-${i + 1}`, colour));

/**
 * The chips are controlled, and name pictures in a prompt field they do not own: this holds the images and the
 * prompt in state, with the prompt's textarea above the chips, as FLUX 3's form does.
 */
function WithPrompt({
  images: initial,
  prompt: initialPrompt,
  onChange,
  onPromptChange,
  ...props
}: ReferenceChipsProps) {
  const [images, setImages] = useState(initial);
  const [prompt, setPrompt] = useState(initialPrompt);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  return (
    <div className="flux-form">
      <label className="flux-label" htmlFor="story-prompt">
        Prompt
      </label>
      <textarea
        id="story-prompt"
        ref={promptRef}
        className="flux-textarea"
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
      />
      <ReferenceChips
        {...props}
        images={images}
        prompt={prompt}
        promptRef={promptRef}
        onChange={(next, change) => {
          setImages(next);
          onChange(next, change);
        }}
        onPromptChange={(next) => {
          setPrompt(next);
          onPromptChange(next);
        }}
      />
    </div>
  );
}

/**
 * FLUX 3 Image's references (up to ten) as chips numbered as the prompt names them: "image 1" first. A click
 * names the picture at the prompt's cursor; drag a chip, or press Alt+Left/Right on it, to reorder, and the
 * prompt's mentions follow their pictures; removing one the prompt names asks first.
 */
const meta = {
  title: "Components/ReferenceChips",
  component: ReferenceChips,
  args: {
    images: [KITCHEN, LAMP, CAT],
    prompt: "Put the lamp from image 2 on the counter of image 1",
    onChange: fn(),
    onPromptChange: fn(),
    style: { maxWidth: 460 },
  },
  render: (args) => <WithPrompt {...args} />,
} satisfies Meta<typeof ReferenceChips>;
export default meta;
type Story = StoryObj<typeof meta>;

const promptField = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole<HTMLTextAreaElement>("textbox", { name: "Prompt" });

/** A click on a chip names its picture at the cursor, and typing carries on after it. */
export const NameInPrompt: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const field = promptField(canvasElement);
    await userEvent.click(field);
    await userEvent.keyboard(", next to the cat in");
    await userEvent.click(canvas.getByRole("button", { name: "image 3: cat.png" }));
    await expect(args.onPromptChange).toHaveBeenLastCalledWith(
      "Put the lamp from image 2 on the counter of image 1, next to the cat in image 3",
    );
    await waitFor(() => expect(field).toHaveFocus());
    await userEvent.keyboard(".");
    await expect(field).toHaveValue(
      "Put the lamp from image 2 on the counter of image 1, next to the cat in image 3.",
    );
  },
};

/** Alt+Left/Right moves a chip; the prompt's mentions follow, and the new place is announced. */
export const ReorderFromKeyboard: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    canvas.getByRole("button", { name: "image 2: lamp.png" }).focus();
    await userEvent.keyboard("{Alt>}{ArrowLeft}{/Alt}");
    await expect(args.onChange).toHaveBeenLastCalledWith([LAMP, KITCHEN, CAT], {
      kind: "move",
      from: 1,
      to: 0,
    });
    await expect(promptField(canvasElement)).toHaveValue(
      "Put the lamp from image 1 on the counter of image 2",
    );
    await expect(canvas.getByRole("button", { name: "image 1: lamp.png" })).toHaveFocus();
    await expect(canvas.getByRole("status")).toHaveTextContent("Now image 1 of 3.");
  },
};

const NAMES_TWO_AND_THREE = { prompt: "The cat from image 3 sits under the lamp of image 2" };

/** Removing a picture the prompt names asks first, inline; Remove renumbers the later mentions. */
export const RemoveNamedPicture: Story = {
  args: NAMES_TWO_AND_THREE,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Remove image 2" }));
    await expect(
      canvas.getByRole("group", { name: "The prompt names image 2. Remove it anyway?" }),
    ).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Keep" })).toHaveFocus();
    await userEvent.click(canvas.getByRole("button", { name: "Remove" }));
    await expect(args.onChange).toHaveBeenCalledWith([KITCHEN, CAT], { kind: "remove", index: 1 });
    await expect(promptField(canvasElement)).toHaveValue(
      "The cat from image 2 sits under the lamp of image 2",
    );
    await expect(canvas.getByRole("button", { name: "image 2: cat.png" })).toHaveFocus();
  },
};

/** The dark theme (axe checks its colour contrast too), with the question open. */
export const RemoveNamedPictureDark: Story = {
  args: NAMES_TWO_AND_THREE,
  globals: { theme: "dark" },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Remove image 2" }));
    await expect(canvas.getByRole("button", { name: "Keep" })).toHaveFocus();
    await expect(getComputedStyle(canvasElement.querySelector(".flux-ref")!).backgroundColor).toBe(
      "rgb(25, 28, 35)",
    );
  },
};

/** Ten references, FLUX 3's limit: Add is off. */
export const Full: Story = {
  args: { images: TEN, prompt: "Blend image 1 with image 10" },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(within(canvas.getByRole("list")).getAllByRole("listitem")).toHaveLength(10);
    await expect(canvas.getByRole("button", { name: "image 10: ref-10.png" })).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Add image" })).toBeDisabled();
    await expect(canvas.getByRole("group", { name: "Reference images" })).toHaveAttribute(
      "data-state",
      "full",
    );
  },
};

/** No references yet: only the Add button, which picks files. */
export const Empty: Story = {
  args: { images: [], prompt: "" },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole("list")).toBeNull();
    const png = await (await fetch(new URL("/flux-kit-sample.png", location.href))).blob();
    await userEvent.upload(
      canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!,
      new File([png], "sample.png", { type: "image/png" }),
    );
    const chip = await canvas.findByRole("button", { name: "image 1: sample.png" });
    await expect(chip).toBeVisible();
    await expect(args.onChange).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          name: "sample.png",
          src: expect.stringMatching(/^data:image\/png;base64,/) as unknown,
        }),
      ],
      { kind: "add" },
    );
  },
};

export const Disabled: Story = {
  args: { disabled: true, error: "Image 2 must be at least 256 × 256 pixels." },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    for (const button of within(canvas.getByRole("group", { name: "Reference images" })).getAllByRole(
      "button",
    ))
      await expect(button).toBeDisabled();
    await expect(canvas.getByRole("alert")).toHaveTextContent("Image 2 must be at least 256 × 256 pixels.");
  },
};
