import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { defaultLabels } from "./defaultLabels";
import type { ReferenceImage } from "./formValue";
import { ImageInput, type ImageInputProps } from "./ImageInput";

/** A small square SVG as a data URL: an image that needs no network. */
const swatch = (colour: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="${colour}"/><circle cx="32" cy="32" r="18" fill="#ffffff" opacity="0.6"/></svg>`,
  )}`;

const FOX: ReferenceImage = {
  id: "img-fox",
  src: swatch("#c2410c"),
  name: "fox.png",
  bytes: 245_760,
  width: 1024,
  height: 768,
};
const SKETCH: ReferenceImage = {
  id: "img-sketch",
  src: swatch("#1e3a8a"),
  name: "sketch.jpg",
  bytes: 3_250_585,
  width: 2048,
  height: 2048,
};
// an image given by URL: BFL fetches it, so it has no size or weight here (this one is served by Storybook)
const BY_URL: ReferenceImage = {
  id: "img-url",
  src: "/flux-kit-sample.png",
  name: "/flux-kit-sample.png",
  bytes: 0,
};

/** `ImageInput` is controlled: this keeps its images in state, as a form would, and reports each change. */
function StatefulImageInput({ images: initial, onChange, ...props }: ImageInputProps) {
  const [images, setImages] = useState(initial);
  return (
    <ImageInput
      {...props}
      images={images}
      onChange={(next) => {
        setImages(next);
        onChange(next);
      }}
    />
  );
}

/**
 * Reference images: drop, pick or paste files, or add an http(s) URL; each shown with its size and a Remove
 * button, up to the model's `max`.
 */
const meta = {
  title: "Components/ImageInput",
  component: ImageInput,
  args: {
    id: "refs",
    name: "images",
    legend: "Reference images",
    images: [],
    max: 4,
    onChange: fn(),
    labels: defaultLabels,
    style: { maxWidth: 420 },
  },
  render: (args) => <StatefulImageInput {...args} />,
} satisfies Meta<typeof ImageInput>;
export default meta;
type Story = StoryObj<typeof meta>;

const TIMEOUT = { timeout: 10_000 };
/** Drops files on `target` as a real drag from the desktop would (Chromium's own `DataTransfer`). */
const dropFiles = (target: Element, files: File[]) => {
  const dataTransfer = new DataTransfer();
  for (const file of files) dataTransfer.items.add(file);
  // not fireEvent.drop: it copies the init's own properties onto a new, empty DataTransfer, losing the files
  target.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer }));
};
const pngFile = async (name: string) => {
  const png = await (await fetch(new URL("/flux-kit-sample.png", location.href))).blob();
  return new File([png], name, { type: "image/png" });
};

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("group", { name: "Reference images" })).toBeVisible();
    await expect(canvas.getByText("Drop, paste or pick images")).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Choose files…" })).toBeEnabled();
    await expect(canvas.getByRole("textbox", { name: "Image URL" })).toBeEnabled();
    // nothing to add until a URL is typed
    await expect(canvas.getByRole("button", { name: "Add" })).toBeDisabled();
    await expect(canvas.queryByRole("list")).toBeNull();
    await expect(canvas.queryByRole("alert")).toBeNull();
  },
};

export const OneImage: Story = {
  args: { images: [FOX] },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const img = canvas.getByRole<HTMLImageElement>("img", { name: "fox.png" });
    await waitFor(() => expect(img.naturalWidth).toBe(64), TIMEOUT);
    await expect(canvas.getByText("1024×768")).toBeVisible();
    await expect(canvas.getByText("240 kB")).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Remove fox.png" }));
    await expect(args.onChange).toHaveBeenCalledWith([]);
    await expect(canvas.queryByRole("img")).toBeNull();
  },
};

export const SeveralImages: Story = {
  args: { images: [FOX, SKETCH, BY_URL] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const items = within(canvas.getByRole("list")).getAllByRole("listitem");
    await expect(items).toHaveLength(3);
    await expect(within(items[1]!).getByText("2048×2048")).toBeVisible();
    await expect(within(items[1]!).getByText("3.1 MB")).toBeVisible();
    // a URL has no known size: it says so instead
    await expect(within(items[2]!).getByText("URL")).toBeVisible();
    const sample = canvas.getByRole<HTMLImageElement>("img", { name: "/flux-kit-sample.png" });
    await waitFor(() => expect(sample.naturalWidth).toBeGreaterThan(0), TIMEOUT);
    // one more fits
    await expect(canvas.getByRole("button", { name: "Choose files…" })).toBeEnabled();
  },
};

/** Files dropped on the zone are read and shown; one that is not an image is refused, saying which and why. */
export const DropFiles: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const notes = new File(["just text"], "notes.txt", { type: "text/plain" });
    dropFiles(canvasElement.querySelector(".flux-dropzone")!, [await pngFile("sample.png"), notes]);
    const img = await canvas.findByRole<HTMLImageElement>("img", { name: "sample.png" });
    await expect(img.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    await waitFor(() => expect(img.naturalWidth).toBeGreaterThan(0), TIMEOUT);
    await expect(args.onChange).toHaveBeenCalledOnce();
    await expect(canvas.getByRole("alert")).toHaveTextContent("notes.txt: This file is not an image.");
  },
};

/** At the model's limit: picking and URL entry are off, and a dropped file is refused, saying why. */
export const AtMax: Story = {
  args: { images: [FOX, SKETCH], max: 2 },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("button", { name: "Choose files…" })).toBeDisabled();
    await expect(canvas.getByRole("textbox", { name: "Image URL" })).toBeDisabled();
    const dropzone = canvasElement.querySelector(".flux-dropzone")!;
    await expect(dropzone).toHaveAttribute("data-state", "full");

    dropFiles(dropzone, [await pngFile("third.png")]);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("This model takes at most 2 images.");
    await expect(canvas.getByRole("group", { name: "Reference images" })).toHaveAccessibleDescription(
      /This model takes at most 2 images\./,
    );
    await expect(args.onChange).not.toHaveBeenCalled();
    await expect(canvas.getAllByRole("img")).toHaveLength(2);
  },
};

/** An error from the form's schema check, shown beside the field and describing it. */
export const WithError: Story = {
  args: { images: [SKETCH], error: "Image 1 must be at most 2 megapixels for this model." },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const group = canvas.getByRole("group", { name: "Reference images" });
    await expect(canvas.getByRole("alert")).toHaveTextContent(
      "Image 1 must be at most 2 megapixels for this model.",
    );
    await expect(group).toHaveAttribute("data-invalid", "");
    await expect(group).toHaveAccessibleDescription(/Image 1 must be at most 2 megapixels/);
  },
};

export const Disabled: Story = {
  args: { images: [FOX], disabled: true },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("group", { name: "Reference images" })).toBeDisabled();
    await expect(canvas.getByRole("button", { name: "Choose files…" })).toBeDisabled();
    await expect(canvas.getByRole("textbox", { name: "Image URL" })).toBeDisabled();
    await expect(canvas.getByRole("button", { name: "Remove fox.png" })).toBeDisabled();
    // a drop is ignored too
    dropFiles(canvasElement.querySelector(".flux-dropzone")!, [await pngFile("more.png")]);
    await expect(args.onChange).not.toHaveBeenCalled();
    await expect(canvas.getAllByRole("img")).toHaveLength(1);
    await expect(canvas.queryByRole("alert")).toBeNull();
  },
};

/** From the keyboard only: Tab to the URL field, a wrong URL is refused, a right one added with Enter, then removed. */
export const AddByUrlFromKeyboard: Story = {
  args: { images: [FOX] },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const field = canvas.getByRole("textbox", { name: "Image URL" });
    // Choose files…, then the URL field (the hidden file input is skipped)
    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Choose files…" })).toHaveFocus();
    await userEvent.tab();
    await expect(field).toHaveFocus();

    await userEvent.keyboard("not a url{Enter}");
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Enter an http(s) URL.");
    await expect(args.onChange).not.toHaveBeenCalled();

    const url = new URL("/flux-kit-sample.png", location.href).href;
    await userEvent.clear(field);
    await userEvent.keyboard(`${url}{Enter}`);
    await expect(args.onChange).toHaveBeenCalledWith([
      FOX,
      expect.objectContaining({ src: url, name: url, bytes: 0 }),
    ]);
    const added = await canvas.findByRole<HTMLImageElement>("img", { name: url });
    await waitFor(() => expect(added.naturalWidth).toBeGreaterThan(0), TIMEOUT);
    await expect(field).toHaveValue("");
    await expect(canvas.queryByRole("alert")).toBeNull();

    // on to its Remove button: Add is off again (the field is empty), so past the first image's Remove
    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Remove fox.png" })).toHaveFocus();
    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: `Remove ${url}` })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await expect(args.onChange).toHaveBeenLastCalledWith([FOX]);
    await expect(canvas.queryByRole("img", { name: url })).toBeNull();
  },
};
