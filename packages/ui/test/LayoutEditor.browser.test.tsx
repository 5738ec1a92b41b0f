import { expect, test, vi } from "vitest";
import { page, userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import type { BoxRow, EditRow, LayoutRow } from "@flux-kit/core/boxes";
import { LayoutEditor, type LayoutEditorProps } from "../src/LayoutEditor";
import { expectNoAxeViolations } from "./axe";
import "../src/styles.css";

// Real Chromium: real layout, real pointer events (with pointer capture) from Playwright's mouse, real focus.

/** The editor at 400 px wide: its 1:1 frame is 400 × 400, so 1 px is 2.5 grid units. */
async function renderEditor(props: LayoutEditorProps = {}) {
  const onChange = vi.fn<(rows: BoxRow[]) => void>();
  const screen = await render(
    <div style={{ width: 400 }}>
      <LayoutEditor onChange={onChange} {...props} />
    </div>,
  );
  const root = screen.container.querySelector<HTMLElement>(".flux-layout-editor")!;
  const frame = root.querySelector<HTMLElement>(".flux-layout-frame")!;
  // every data-state the root goes through
  const states: string[] = [];
  const observer = new MutationObserver(() => states.push(root.dataset.state!));
  observer.observe(root, { attributes: true, attributeFilter: ["data-state"] });
  const last = () => onChange.mock.calls.at(-1)?.[0];
  return { screen, root, frame, frameLocator: page.elementLocator(frame), onChange, last, states, observer };
}

test("a box drawn by mouse snaps to the grid, whichever way it is dragged; a click draws nothing", async () => {
  const { frame, frameLocator, onChange, last, states, root, screen } = await renderEditor();
  expect(frame.getBoundingClientRect()).toMatchObject({ width: 400, height: 400 });
  await userEvent.click(frameLocator, { position: { x: 100, y: 100 } });
  expect(onChange).not.toHaveBeenCalled();

  await userEvent.dragAndDrop(frameLocator, frameLocator, {
    sourcePosition: { x: 200, y: 120 },
    targetPosition: { x: 40, y: 40 },
  });
  await expect.poll(() => onChange.mock.calls.length).toBe(1);
  expect(last()).toEqual([{ id: "box_1", bbox: [100, 100, 300, 500], desc: "" }]);
  expect(states).toContain("drawing");
  expect(root.dataset.state).toBe("idle");
  // drawn where it was dragged: 40 px from the frame's top and left, 160 × 80
  const box = screen.getByRole("application", {
    name: /^box_1: upper left; top 100, left 100, 400 wide, 200 tall/,
  });
  const [f, b] = [frame.getBoundingClientRect(), box.element().getBoundingClientRect()];
  expect([b.top - f.top, b.left - f.left, b.width, b.height].map(Math.round)).toEqual([40, 40, 160, 80]);
  await expect.element(screen.getByRole("status")).toHaveTextContent("box_1 added");
});

test("a box moves by dragging it and resizes by its handles, never past its opposite edge", async () => {
  const start: LayoutRow = { id: "mug_1", bbox: [100, 100, 300, 500], desc: "A mug." };
  const { frameLocator, onChange, last, states, screen } = await renderEditor({ defaultValue: [start] });
  const box = screen.getByRole("application", { name: /^mug_1:/ });

  // positions are the frame's (the box's own would start inside its border): grab it at (140, 100), drop it
  // 40 px right and 20 px down
  await userEvent.dragAndDrop(frameLocator, frameLocator, {
    sourcePosition: { x: 140, y: 100 },
    targetPosition: { x: 180, y: 120 },
  });
  await expect.poll(() => last()).toEqual([{ ...start, bbox: [150, 200, 350, 600] }]);
  expect(states).toContain("moving");
  await expect.element(box).toHaveFocus();
  await expect.element(box).toHaveAttribute("data-selected", "");
  await expect.element(screen.getByRole("status")).toHaveTextContent("mug_1 moved: top 150, left 200");

  const handle = (which: string) =>
    page.elementLocator(box.element().querySelector<HTMLElement>(`[data-handle="${which}"]`)!);
  // the bottom-right handle (shown on the selected box), from its centre on the corner to (360, 200)
  await userEvent.dragAndDrop(handle("se"), frameLocator, { targetPosition: { x: 360, y: 200 } });
  await expect.poll(() => last()).toEqual([{ ...start, bbox: [150, 200, 500, 900] }]);
  expect(states).toContain("resizing");
  await expect.element(screen.getByRole("status")).toHaveTextContent("mug_1 resized: 700 wide, 350 tall");

  // the left edge's handle out to the frame's left edge: only the left edge moves
  await userEvent.dragAndDrop(handle("w"), frameLocator, { targetPosition: { x: 0, y: 10 } });
  await expect.poll(() => last()).toEqual([{ ...start, bbox: [150, 0, 500, 900] }]);

  // the top-left handle dragged far past the bottom-right corner stops 1 unit short of it
  await userEvent.dragAndDrop(handle("nw"), frameLocator, { targetPosition: { x: 395, y: 395 } });
  await expect.poll(() => last()).toEqual([{ ...start, bbox: [499, 899, 500, 900] }]);
  expect(onChange).toHaveBeenCalledTimes(4);
});

test("a drag that leaves the frame keeps the box inside the grid (pointer capture)", async () => {
  const start: LayoutRow = { id: "sun_1", bbox: [100, 100, 200, 200], desc: "" };
  const { frame, last, screen } = await renderEditor({ defaultValue: [start] });
  const box = screen.getByRole("application", { name: /^sun_1:/ });
  // dropped on the row's Delete button, below the frame
  await userEvent.dragAndDrop(box, screen.getByRole("button", { name: "Delete sun_1" }));
  await expect.poll(() => last()).toBeDefined();
  const [row] = last()! as [LayoutRow];
  expect(row.bbox[2]).toBe(1000); // pushed to the bottom edge, 100 tall still
  expect(row.bbox[2] - row.bbox[0]).toBe(100);
  expect(frame.querySelectorAll('[role="application"]')).toHaveLength(1);
});

test("from the keyboard alone: Tab reaches Add and each box in order; arrows move and resize; Enter and Delete", async () => {
  const rows: LayoutRow[] = [
    { id: "background_1", bbox: [0, 0, 1000, 1000], desc: "" },
    { id: "silhouette_1", bbox: [150, 150, 850, 850], desc: "" },
  ];
  const { last, screen } = await renderEditor({ defaultValue: rows });
  const add = screen.getByRole("button", { name: "Add box" });
  (add.element() as HTMLElement).focus();
  await userEvent.keyboard("{Tab}");
  await expect.element(screen.getByRole("application", { name: /^background_1:/ })).toHaveFocus();
  await userEvent.keyboard("{Tab}");
  const silhouette = screen.getByRole("application", { name: /^silhouette_1:/ });
  await expect.element(silhouette).toHaveFocus();
  await userEvent.keyboard("{ArrowLeft}{Alt>}{ArrowUp}{/Alt}{Shift>}{ArrowDown}{/Shift}");
  await expect.poll(() => last()?.[1]).toEqual({ id: "silhouette_1", bbox: [149, 140, 859, 840], desc: "" });
  await expect
    .element(screen.getByRole("status"))
    .toHaveTextContent("silhouette_1 resized: 700 wide, 710 tall");
  await userEvent.keyboard("{Enter}");
  await expect
    .element(screen.getByRole("group", { name: "Box 2" }).getByRole("textbox", { name: "Description" }))
    .toHaveFocus();
  (add.element() as HTMLElement).focus();
  await userEvent.keyboard("{Enter}");
  const added = screen.getByRole("application", { name: /^box_1: center; top 410, left 410/ });
  await expect.element(added).toHaveFocus();
  await userEvent.keyboard("{Delete}");
  await expect.element(add).toHaveFocus();
  expect(last()!.map((row) => row.id)).toEqual(["background_1", "silhouette_1"]);
});

/** A 200 × 100 picture, left half red, right half blue, made by the browser. */
function picture() {
  const canvas = document.createElement("canvas");
  canvas.width = 200;
  canvas.height = 100;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#c00";
  ctx.fillRect(0, 0, 100, 100);
  ctx.fillStyle = "#00c";
  ctx.fillRect(100, 0, 100, 100);
  return canvas.toDataURL("image/png");
}

test("edit mode over the picture: an auto frame takes its ratio; a move's target box drags on its own", async () => {
  const plant: EditRow = {
    id: "plant_1",
    from: "ref_image_0",
    src_bbox: [500, 40, 860, 180],
    tgt_bbox: [500, 820, 860, 960],
    desc: "The plant.",
  };
  const { frame, frameLocator, last, screen, root } = await renderEditor({
    mode: "edit",
    image: picture(),
    aspectRatio: "auto",
    references: 2,
    defaultValue: [plant],
  });
  await expect.poll(() => Math.round(frame.getBoundingClientRect().height)).toBe(200);
  const target = screen.getByRole("application", { name: /^plant_1 target:/ });
  await expect.element(target).toHaveAttribute("data-action", "move");
  // the target, 20 px left and 10 px down: 50 and 100 grid units across a 400 × 200 frame
  const b = target.element().getBoundingClientRect();
  const f = frame.getBoundingClientRect();
  const [x, y] = [b.left - f.left + 10, b.top - f.top + 10];
  await userEvent.dragAndDrop(frameLocator, frameLocator, {
    sourcePosition: { x, y },
    targetPosition: { x: x - 40, y: y + 10 },
  });
  await expect.poll(() => last()).toEqual([{ ...plant, tgt_bbox: [550, 720, 910, 860] }]);
  // drawing over the picture adds a change row
  await userEvent.dragAndDrop(frameLocator, frameLocator, {
    sourcePosition: { x: 200, y: 20 },
    targetPosition: { x: 300, y: 70 },
  });
  await expect
    .poll(() => last()?.[1])
    .toEqual({ id: "box_1", from: null, src_bbox: null, tgt_bbox: [100, 500, 350, 750], desc: "" });
  await expectNoAxeViolations(root);
});

test("disabled: the frame draws nothing and boxes do not move", async () => {
  const start: LayoutRow = { id: "a_1", bbox: [100, 100, 300, 300], desc: "" };
  const { frameLocator, onChange, screen } = await renderEditor({ defaultValue: [start], disabled: true });
  await userEvent.dragAndDrop(frameLocator, frameLocator, {
    sourcePosition: { x: 300, y: 300 },
    targetPosition: { x: 380, y: 380 },
  });
  await userEvent.dragAndDrop(screen.getByRole("application"), frameLocator, {
    targetPosition: { x: 300, y: 300 },
  });
  expect(onChange).not.toHaveBeenCalled();
  await expect.element(screen.getByRole("button", { name: "Add box" })).toBeDisabled();
});

test("no axe violations in Chromium, with the poster's boxes, an error and a warning", async () => {
  const { root } = await renderEditor({
    aspectRatio: "16:9",
    frame: { width: 1184, height: 880 },
    caption: "A mug <mug_1> on a table.",
    onCite: () => undefined,
    defaultValue: [
      { id: "mug_1", bbox: [380, 560, 860, 900], desc: "A mug." },
      { id: "mug_1", bbox: [100, 100, 120, 130], desc: "A tiny duplicate." },
    ],
  });
  await expectNoAxeViolations(root);
});
