import { afterEach, describe, expect, it, vi } from "vitest";
import { render } from "vitest-browser-react";
import { LayoutEditor } from "../src/LayoutEditor";
import type { BoxRow } from "@flux-kit/core/boxes";
import { defaultLabels } from "../src/defaultLabels";
import type { ReferenceImage } from "../src/formValue";
import { MaskPainter } from "../src/MaskPainter";
import { ReferenceChips } from "../src/ReferenceChips";

// Real Chromium. The drag surfaces capture the pointer as a drag starts, but a browser refuses to capture a
// pointer that is not down (NotFoundError): the events Testing Library's fireEvent, a Playwright `dispatchEvent`
// or a script sends. And jsdom, the DOM of Jest and of many Vitest setups, has no pointer capture at all. Either
// way the component threw from its pointerdown handler and the drag never began.

/** Errors thrown from event handlers: React reports them to the window's `error` event. */
const thrown: unknown[] = [];
const onError = (event: ErrorEvent) => {
  event.preventDefault();
  thrown.push(event.error);
};
window.addEventListener("error", onError);
afterEach(() => {
  thrown.length = 0;
});

/** A synthetic pointer event at a point inside `element` (fractions of its box), for a pointer that is not down. */
function send(element: Element, type: string, fx: number, fy: number) {
  const box = element.getBoundingClientRect();
  element.dispatchEvent(
    new PointerEvent(type, {
      bubbles: true,
      cancelable: true,
      pointerId: 77,
      pointerType: "mouse",
      isPrimary: true,
      button: type === "pointermove" ? -1 : 0,
      buttons: type === "pointerup" ? 0 : 1,
      clientX: box.left + box.width * fx,
      clientY: box.top + box.height * fy,
    }),
  );
}

const sky = (n: number): ReferenceImage => {
  const canvas = document.createElement("canvas");
  canvas.width = 40;
  canvas.height = 40;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = `hsl(${n * 90} 60% 50%)`;
  ctx.fillRect(0, 0, 40, 40);
  return { id: `img-${n}`, name: `${n}.png`, src: canvas.toDataURL("image/png"), bytes: 100 };
};

/** Each DOM: how to make it (a restore function, if it changed anything). */
const doms: [string, () => (() => void) | undefined][] = [
  ["a browser, for a pointer that is not down", () => undefined],
  [
    "a DOM without pointer capture (jsdom)",
    () => {
      const own = Object.getOwnPropertyDescriptor(Element.prototype, "setPointerCapture")!;
      Object.defineProperty(Element.prototype, "setPointerCapture", { value: undefined, configurable: true });
      return () => void Object.defineProperty(Element.prototype, "setPointerCapture", own);
    },
  ],
];

describe.each(doms)("synthetic pointer events in %s", (_, setup) => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  it("LayoutEditor draws a box", async () => {
    restore = setup();
    const onChange = vi.fn<(rows: BoxRow[]) => void>();
    const screen = await render(
      <div style={{ width: 400 }}>
        <LayoutEditor aspectRatio="1:1" onChange={onChange} />
      </div>,
    );
    const frame = screen.container.querySelector(".flux-layout-frame")!;
    send(frame, "pointerdown", 0.1, 0.2);
    send(frame, "pointermove", 0.5, 0.6);
    send(frame, "pointerup", 0.5, 0.6);
    expect(thrown).toEqual([]);
    await expect
      .poll(() => onChange.mock.calls.at(-1)?.[0])
      .toEqual([expect.objectContaining({ id: "box_1", bbox: [200, 100, 600, 500] })]);
  });

  it("ReferenceChips reorders by a drag", async () => {
    restore = setup();
    const onChange = vi.fn<(images: ReferenceImage[]) => void>();
    const images = [sky(1), sky(2), sky(3)];
    const screen = await render(
      <ReferenceChips images={images} prompt="" onChange={onChange} onPromptChange={() => undefined} />,
    );
    const chips = screen.container.querySelectorAll(".flux-ref-main");
    const last = chips[2]!.getBoundingClientRect();
    const first = chips[0]!;
    const box = first.getBoundingClientRect();
    send(first, "pointerdown", 0.5, 0.5);
    // moves go to the chip the drag began on (as a captured pointer's do)
    const to = {
      fx: (last.left + last.width / 2 - box.left) / box.width,
      fy: (last.top + last.height / 2 - box.top) / box.height,
    };
    send(first, "pointermove", to.fx, to.fy);
    send(first, "pointerup", to.fx, to.fy);
    expect(thrown).toEqual([]);
    await expect
      .poll(() => onChange.mock.calls.at(-1)?.[0].map((i) => i.id))
      .toEqual(["img-2", "img-3", "img-1"]);
  });

  it("MaskPainter paints a stroke", async () => {
    restore = setup();
    const image = sky(1);
    const onChange = vi.fn<(mask: ReferenceImage | undefined) => void>();
    const screen = await render(
      <div style={{ width: 300 }}>
        <MaskPainter image={image} mask={undefined} onChange={onChange} labels={defaultLabels} />
      </div>,
    );
    await screen.getByRole("button", { name: "Paint a mask" }).click();
    const surface = screen.getByRole("application", { name: /^Mask\./ });
    await expect.element(surface).toBeVisible();
    send(surface.element(), "pointerdown", 0.3, 0.3);
    send(surface.element(), "pointermove", 0.6, 0.3);
    send(surface.element(), "pointerup", 0.6, 0.3);
    expect(thrown).toEqual([]);
    await screen.getByRole("button", { name: "Done" }).click();
    await expect.poll(() => onChange.mock.calls.length).toBe(1);
    expect(onChange.mock.calls[0]![0]?.src).toMatch(/^data:image\/png;base64,/);
  });
});
