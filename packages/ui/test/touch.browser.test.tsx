import { useState } from "react";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { cdp } from "vitest/browser";
import { render } from "vitest-browser-react";
import type { BoxRow } from "@flux-kit/core/boxes";
import { defaultLabels } from "../src/defaultLabels";
import type { ReferenceImage } from "../src/formValue";
import { LayoutEditor } from "../src/LayoutEditor";
import { MaskPainter } from "../src/MaskPainter";
import type { ReferenceChange } from "../src/mentions";
import { ReferenceChips } from "../src/ReferenceChips";

// Touch and pen as Chromium itself delivers them (the DevTools protocol's input events, not synthetic DOM events),
// on a page that can scroll both ways, and without styles.css: the components are unstyled first, so a finger
// dragging over a drawing surface or a chip must draw or reorder rather than pan the page, whatever stylesheet
// the app brings (or none).

beforeEach(async () => {
  await cdp().send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
});
afterEach(async () => {
  await cdp().send("Emulation.setTouchEmulationEnabled", { enabled: false });
  window.scrollTo(0, 0);
});

type Point = { x: number; y: number };

/** `x`, `y` inside `element` as the protocol's points: the top page's (vitest runs tests in a placed, scaled iframe). */
function pointIn(element: Element, x: number, y: number): Point {
  const r = element.getBoundingClientRect();
  const outer = window.frameElement?.getBoundingClientRect();
  const scale = outer ? outer.width / window.innerWidth : 1;
  return { x: (outer?.left ?? 0) + (r.left + x) * scale, y: (outer?.top ?? 0) + (r.top + y) * scale };
}

/** One finger from `from` to `to` in eight steps, as a drag on a touch screen. */
async function touchDrag(from: Point, to: Point) {
  const session = cdp();
  await session.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ ...from, id: 1 }] });
  for (let step = 1; step <= 8; step++) {
    const point = { x: from.x + ((to.x - from.x) * step) / 8, y: from.y + ((to.y - from.y) * step) / 8 };
    await session.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ ...point, id: 1 }] });
  }
  await session.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

/** `ui` above a page taller and wider than the view, scrolled so `ui` is at the view's top left. */
async function onScrollingPage(ui: React.ReactNode) {
  const screen = await render(
    <div>
      <div style={{ width: 400 }}>{ui}</div>
      <div style={{ height: "300vh", width: "300vw" }} />
    </div>,
  );
  const scrolled = () => ({ x: window.scrollX, y: window.scrollY });
  return { screen, start: scrolled(), scrolled };
}

async function layoutEditor() {
  const onChange = vi.fn<(rows: BoxRow[]) => void>();
  const page = await onScrollingPage(<LayoutEditor onChange={onChange} />);
  const frame = page.screen.container.querySelector<HTMLElement>(".flux-layout-frame")!;
  return { ...page, frame, onChange, last: () => onChange.mock.calls.at(-1)?.[0] };
}

test("LayoutEditor: a finger dragged over the frame draws a box, and the page does not scroll", async () => {
  const { frame, onChange, last, start, scrolled } = await layoutEditor();
  // the frame is 400 px square: 1 px is 2.5 grid units
  await touchDrag(pointIn(frame, 40, 40), pointIn(frame, 200, 120));
  await expect.poll(() => onChange.mock.calls.length).toBe(1);
  expect(last()).toEqual([{ id: "box_1", bbox: [100, 100, 300, 500], desc: "" }]);
  expect(scrolled()).toEqual(start);
});

test("LayoutEditor: a finger moves a box it starts on", async () => {
  const onChange = vi.fn<(rows: BoxRow[]) => void>();
  const { screen, start, scrolled } = await onScrollingPage(
    <LayoutEditor
      onChange={onChange}
      defaultValue={[{ id: "mug_1", bbox: [100, 100, 300, 500], desc: "A mug." }]}
    />,
  );
  const frame = screen.container.querySelector<HTMLElement>(".flux-layout-frame")!;
  // grab it at (140, 100), 40 px right and 20 px down
  await touchDrag(pointIn(frame, 140, 100), pointIn(frame, 180, 120));
  await expect.poll(() => onChange.mock.calls.length).toBe(1);
  expect(onChange.mock.calls[0]![0]).toEqual([{ id: "mug_1", bbox: [150, 200, 350, 600], desc: "A mug." }]);
  expect(scrolled()).toEqual(start);
});

test("LayoutEditor: a pen draws a box as a mouse does", async () => {
  const { frame, onChange, last } = await layoutEditor();
  const session = cdp();
  const pen = (type: "mousePressed" | "mouseMoved" | "mouseReleased", point: Point, buttons: number) =>
    session.send("Input.dispatchMouseEvent", {
      type,
      ...point,
      button: "left",
      buttons,
      clickCount: 1,
      pointerType: "pen",
    });
  await pen("mousePressed", pointIn(frame, 40, 40), 1);
  for (let step = 1; step <= 4; step++)
    await pen("mouseMoved", pointIn(frame, 40 + step * 40, 40 + step * 20), 1);
  await pen("mouseReleased", pointIn(frame, 200, 120), 0);
  await expect.poll(() => onChange.mock.calls.length).toBe(1);
  expect(last()).toEqual([{ id: "box_1", bbox: [100, 100, 300, 500], desc: "" }]);
});

test("MaskPainter: a finger paints a stroke, and the page does not scroll", async () => {
  const canvas = document.createElement("canvas");
  [canvas.width, canvas.height] = [200, 100];
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#888";
  ctx.fillRect(0, 0, 200, 100);
  const image: ReferenceImage = {
    id: "photo-1",
    src: canvas.toDataURL("image/png"),
    name: "photo.png",
    bytes: 1,
  };
  const onChange = vi.fn<(mask: ReferenceImage | undefined) => void>();
  const { screen, start, scrolled } = await onScrollingPage(
    <MaskPainter image={image} mask={undefined} onChange={onChange} labels={defaultLabels} />,
  );
  await screen.getByRole("button", { name: "Paint a mask" }).click();
  const surface = screen.getByRole("application", { name: /^Mask\./ });
  await expect.element(surface).toBeVisible();
  const element = surface.element();
  const { width, height } = element.getBoundingClientRect();
  // across the middle, from a tenth to nine tenths of the surface's width
  await touchDrag(pointIn(element, width * 0.1, height / 2), pointIn(element, width * 0.9, height / 2));
  expect(scrolled()).toEqual(start);
  await screen.getByRole("button", { name: "Done" }).click();
  expect(onChange).toHaveBeenCalledTimes(1);
  const mask = new Image();
  mask.src = onChange.mock.calls[0]![0]!.src;
  await mask.decode();
  const read = document.createElement("canvas");
  [read.width, read.height] = [mask.naturalWidth, mask.naturalHeight];
  const r = read.getContext("2d")!;
  r.drawImage(mask, 0, 0);
  const white = (x: number, y: number) => r.getImageData(x, y, 1, 1).data[0] === 255;
  expect([white(100, 50), white(40, 50), white(100, 5)]).toEqual([true, true, false]);
});

/** A small square SVG as a data URL: an image that needs no network. */
const swatch = (id: string, colour: string): ReferenceImage => ({
  id,
  name: `${id}.png`,
  bytes: 1000,
  src: `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="${colour}"/></svg>`,
  )}`,
});

function Chips({
  onChange,
}: {
  readonly onChange: (images: ReferenceImage[], change: ReferenceChange) => void;
}) {
  const [images, setImages] = useState([
    swatch("fox", "#c2410c"),
    swatch("hat", "#1e3a8a"),
    swatch("sky", "#0e7490"),
  ]);
  return (
    <ReferenceChips
      images={images}
      prompt=""
      onPromptChange={() => undefined}
      onChange={(next, change) => {
        setImages(next);
        onChange(next, change);
      }}
    />
  );
}

test("ReferenceChips: a finger drags a chip onto another to reorder, and the page does not scroll", async () => {
  const onChange = vi.fn<(images: ReferenceImage[], change: ReferenceChange) => void>();
  const { screen, start, scrolled } = await onScrollingPage(<Chips onChange={onChange} />);
  const chip = (n: number) => screen.getByRole("button", { name: new RegExp(`^image ${n}:`) }).element();
  const [first, third] = [chip(1), chip(3)];
  const { width, height } = third.getBoundingClientRect();
  await touchDrag(pointIn(first, 10, height / 2), pointIn(third, width - 4, height / 2));
  await expect.poll(() => onChange.mock.calls.length).toBe(1);
  expect(onChange.mock.calls[0]![1]).toEqual({ kind: "move", from: 0, to: 2 });
  expect(scrolled()).toEqual(start);
});
