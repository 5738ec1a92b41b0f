import { expect, test, vi } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { defaultLabels } from "../src/defaultLabels";
import type { ReferenceImage } from "../src/formValue";
import { MaskPainter, maskIdFor } from "../src/MaskPainter";
import { PromptForm } from "../src/PromptForm";
import "../src/styles.css";

// Real Chromium: a real canvas, real pointer events and real PNG encoding.

/** A 200 × 100 grey PNG, made by the browser. */
function photo(): ReferenceImage {
  const canvas = document.createElement("canvas");
  canvas.width = 200;
  canvas.height = 100;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#888";
  ctx.fillRect(0, 0, 200, 100);
  return { id: "photo-1", src: canvas.toDataURL("image/png"), name: "photo.png", bytes: 1000 };
}

/** The mask's pixels: its size, and whether the pixel at (x, y) is white (repainted) or black (kept). */
async function pixels(src: string) {
  const img = new Image();
  img.src = src;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext("2d")!;
  ctx.drawImage(img, 0, 0);
  const at = (x: number, y: number) => {
    const [r, g, b, a] = ctx.getImageData(x, y, 1, 1).data;
    return r === 255 && g === 255 && b === 255 && a === 255
      ? "white"
      : r === 0 && g === 0 && b === 0 && a === 255
        ? "black"
        : `rgba(${r},${g},${b},${a})`;
  };
  const all = ctx.getImageData(0, 0, img.naturalWidth, img.naturalHeight).data;
  /** Pixels neither black nor white: a mask has none, soft stroke edges included. */
  const greys = () => {
    let n = 0;
    for (let i = 0; i < all.length; i += 4)
      if (!((all[i] === 0 || all[i] === 255) && all[i] === all[i + 1] && all[i] === all[i + 2])) n++;
    return n;
  };
  return { width: img.naturalWidth, height: img.naturalHeight, at, greys };
}

test("a mask painted by pointer and by keyboard comes back as a black PNG of the image's size, white where painted", async () => {
  const image = photo();
  const onChange = vi.fn<(mask: ReferenceImage | undefined) => void>();
  const screen = await render(
    <div style={{ width: 400 }}>
      <MaskPainter image={image} mask={undefined} onChange={onChange} labels={defaultLabels} />
    </div>,
  );
  await screen.getByRole("button", { name: "Paint a mask" }).click();
  const surface = screen.getByRole("application", { name: /^Mask\./ });
  await expect.element(surface).toBeVisible();
  // drawn at 400 × 200 on the page: a stroke by mouse across the top-left quarter
  await userEvent.dragAndDrop(surface, surface, {
    sourcePosition: { x: 20, y: 40 },
    targetPosition: { x: 160, y: 40 },
  });
  // and one from the keyboard: the brush starts in the middle; Space lowers it, arrows paint, Space lifts it
  (surface.element() as HTMLElement).focus();
  await userEvent.keyboard("[Space][ArrowDown][ArrowDown][ArrowDown][Space]");
  await expect.element(screen.getByText(/^Brush at 50 % across, 56 % down$/)).toBeInTheDocument();
  // the surface covers the image as shown (a flex layout once squeezed it to half the image's height)
  expect((surface.element() as HTMLElement).getBoundingClientRect().height).toBe(200);
  await screen.getByRole("button", { name: "Done" }).click();

  expect(onChange).toHaveBeenCalledTimes(1);
  const mask = onChange.mock.calls[0]![0]!;
  expect(mask.id).toBe(maskIdFor(image));
  expect(mask.src).toMatch(/^data:image\/png;base64,/);
  const m = await pixels(mask.src);
  expect([m.width, m.height]).toEqual([200, 100]); // the image's own size, not the size shown
  expect(m.at(40, 20)).toBe("white"); // on the mouse stroke (page 80, 40 → image 40, 20)
  expect(m.at(100, 53)).toBe("white"); // on the keyboard stroke, from the middle down
  expect(m.at(190, 90)).toBe("black"); // untouched
  expect(m.at(5, 90)).toBe("black");
  expect(m.greys()).toBe(0);
});

test("Clear then Done removes the mask; a mask painted over another image is dropped", async () => {
  const image = photo();
  const onChange = vi.fn<(mask: ReferenceImage | undefined) => void>();
  const old: ReferenceImage = { id: "mask:another", src: image.src, name: "mask.png", bytes: 10 };
  const screen = await render(
    <MaskPainter image={image} mask={old} onChange={onChange} labels={defaultLabels} />,
  );
  await expect.poll(() => onChange.mock.calls).toEqual([[undefined]]);
  await screen.rerender(
    <MaskPainter image={image} mask={undefined} onChange={onChange} labels={defaultLabels} />,
  );
  await screen.getByRole("button", { name: "Paint a mask" }).click();
  const surface = screen.getByRole("application", { name: /^Mask\./ });
  await expect.element(surface).toBeVisible();
  (surface.element() as HTMLElement).focus();
  await userEvent.keyboard("[Space][ArrowRight][Space]");
  await screen.getByRole("button", { name: "Clear" }).click();
  await screen.getByRole("button", { name: "Done" }).click();
  expect(onChange).toHaveBeenLastCalledWith(undefined);
  await expect.element(screen.getByRole("button", { name: "Paint a mask" })).toBeVisible();
});

test("in PromptForm with FLUX.1 Fill: pick an image, paint a mask, and the request carries both", async () => {
  const onSubmit = vi.fn();
  const screen = await render(
    <PromptForm onSubmit={onSubmit} defaultValue={{ model: "flux-pro-1.0-fill", prompt: "a red door" }} />,
  );
  expect(screen.getByRole("button", { name: "Paint a mask" }).query()).toBeNull();
  const canvas = document.createElement("canvas");
  canvas.width = 64;
  canvas.height = 64;
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/png"));
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
  await userEvent.upload(input, new File([blob], "door.png", { type: "image/png" }));
  await screen.getByRole("button", { name: "Paint a mask" }).click();
  const surface = screen.getByRole("application", { name: /^Mask\./ });
  await expect.element(surface).toBeVisible();
  (surface.element() as HTMLElement).focus();
  await userEvent.keyboard("[Space][ArrowLeft][Space]");
  await screen.getByRole("button", { name: "Done" }).click();
  await expect
    .element(screen.getByRole("img", { name: "The mask: white where the image changes" }))
    .toBeVisible();
  await screen.getByRole("button", { name: "Generate" }).click();
  await expect.poll(() => onSubmit.mock.calls.length).toBe(1);
  const { model, input: body } = onSubmit.mock.calls[0]![0] as {
    model: string;
    input: Record<string, unknown>;
  };
  expect(model).toBe("flux-pro-1.0-fill");
  expect(body.image).toMatch(/^data:image\/png;base64,/);
  expect(body.mask).toMatch(/^data:image\/png;base64,/);
  const m = await pixels(body.mask as string);
  expect([m.width, m.height]).toEqual([64, 64]);
  expect(m.at(31, 32)).toBe("white");
  expect(m.at(2, 2)).toBe("black");
});

test("FLUX Tools erase: no prompt field, a mask is required, and the request is the image, its mask and erase's settings", async () => {
  const onSubmit = vi.fn();
  const screen = await render(
    <PromptForm onSubmit={onSubmit} defaultValue={{ model: "flux-tools/erase-v1", prompt: "left over" }} />,
  );
  expect(screen.getByRole("textbox", { name: "Prompt" }).query()).toBeNull();
  const canvas = document.createElement("canvas");
  canvas.width = 32;
  canvas.height = 32;
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/png"));
  await userEvent.upload(
    document.querySelector<HTMLInputElement>('input[type="file"]')!,
    new File([blob], "room.png", { type: "image/png" }),
  );
  await expect.element(screen.getByRole("button", { name: "Paint a mask" })).toBeVisible();
  // no mask yet: the form says what is missing, beside the painter, and sends nothing
  await screen.getByRole("button", { name: "Generate" }).click();
  await expect.element(screen.getByText("Paint a mask over what should go.")).toBeVisible();
  expect(onSubmit).not.toHaveBeenCalled();

  await screen.getByRole("button", { name: "Paint a mask" }).click();
  const surface = screen.getByRole("application", { name: /^Mask\./ });
  await expect.element(surface).toBeVisible();
  (surface.element() as HTMLElement).focus();
  await userEvent.keyboard("[Space][ArrowUp][Space]");
  await screen.getByRole("button", { name: "Done" }).click();
  await screen.getByRole("button", { name: "Generate" }).click();
  await expect.poll(() => onSubmit.mock.calls.length).toBe(1);
  const { input: body } = onSubmit.mock.calls[0]![0] as { input: Record<string, unknown> };
  expect(Object.keys(body).sort()).toEqual([
    "dilate_pixels",
    "image",
    "mask",
    "output_format",
    "safety_tolerance",
  ]);
  expect(body.dilate_pixels).toBe(10);
  const m = await pixels(body.mask as string);
  expect([m.width, m.height]).toEqual([32, 32]);
  expect(m.at(16, 15)).toBe("white");
});
