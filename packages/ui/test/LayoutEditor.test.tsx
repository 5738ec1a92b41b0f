import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { BoxRow, EditRow, LayoutRow } from "@flux-kit/core/boxes";
import { LayoutEditor } from "../src/LayoutEditor";
import { expectNoAxeViolations } from "./axe";

// The poster of docs/bfl-api.md, 2026 addendum §2.9 (16:9).
const poster: LayoutRow[] = [
  { id: "background_1", bbox: [0, 0, 1000, 1000], desc: "A flat matte wall in warm terracotta." },
  { id: "table_1", bbox: [720, 0, 1000, 1000], desc: "A pale oak tabletop." },
  { id: "mug_1", bbox: [380, 560, 860, 900], desc: "A white ceramic mug." },
  { id: "headline_1", bbox: [120, 60, 330, 520], desc: 'The words "MORNING RITUAL".' },
];
const posterCaption =
  "Product poster. A white mug <mug_1> stands on an oak table <table_1> in front of a terracotta wall <background_1>.";

const onChangeMock = () => vi.fn<(rows: BoxRow[]) => void>();
const lastRows = (onChange: ReturnType<typeof onChangeMock>) => onChange.mock.calls.at(-1)![0];
const status = () => screen.getByRole("status");
const rowOf = (n: number) => screen.getByRole("group", { name: `Box ${n}` });

describe("LayoutEditor: boxes and rows", () => {
  it("names each box in words and numbers, in order, with a row per box; div props pass through", () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <LayoutEditor
        ref={ref}
        defaultValue={poster}
        aspectRatio="16:9"
        className="mine"
        style={{ maxWidth: 600 }}
        aria-label="Poster layout"
        data-testid="editor"
      />,
    );
    const root = screen.getByTestId("editor");
    expect(ref.current).toBe(root);
    expect(root).toHaveClass("flux-layout-editor", "mine");
    expect(root).toHaveStyle({ maxWidth: "600px" });
    expect(root).toHaveAttribute("aria-label", "Poster layout");
    expect(root).toHaveAttribute("data-state", "idle");
    expect(root.querySelector(".flux-layout-frame")).toHaveStyle({ aspectRatio: "16 / 9" });
    const boxes = screen.getAllByRole("application");
    expect(boxes.map((box) => box.getAttribute("aria-label"))).toEqual([
      "background_1: center; top 0, left 0, 1000 wide, 1000 tall, on a 1000 grid",
      "table_1: lower center; top 720, left 0, 1000 wide, 280 tall, on a 1000 grid",
      "mug_1: lower right; top 380, left 560, 340 wide, 480 tall, on a 1000 grid",
      "headline_1: upper left; top 120, left 60, 460 wide, 210 tall, on a 1000 grid",
    ]);
    expect(boxes[2]).toHaveStyle({ top: "38%", left: "56%", width: "34%", height: "48%" });
    expect(boxes[2]).toHaveAccessibleDescription(/^Arrow keys move the box/);
    expect(within(rowOf(3)).getByRole("textbox", { name: "Id" })).toHaveValue("mug_1");
    expect(within(rowOf(3)).getByRole("textbox", { name: "Description" })).toHaveValue(
      "A white ceramic mug.",
    );
    // a box and its row share a colour
    expect(boxes[2]!.style.getPropertyValue("--flux-box-color")).toBe(
      rowOf(3).style.getPropertyValue("--flux-box-color"),
    );
    expect(boxes[2]!.style.getPropertyValue("--flux-box-color")).not.toBe(
      boxes[1]!.style.getPropertyValue("--flux-box-color"),
    );
  });

  it("adds, moves, resizes and deletes boxes from the keyboard, and says so", async () => {
    const user = userEvent.setup();
    const onChange = onChangeMock();
    render(<LayoutEditor onChange={onChange} />);
    await user.click(screen.getByRole("button", { name: "Add box" }));
    expect(lastRows(onChange)).toEqual([{ id: "box_1", bbox: [350, 350, 650, 650], desc: "" }]);
    const box = screen.getByRole("application", { name: /^box_1: center;/ });
    expect(box).toHaveFocus();
    expect(status()).toHaveTextContent("box_1 added");

    await user.keyboard("{ArrowRight}{ArrowDown}");
    expect(lastRows(onChange)).toEqual([{ id: "box_1", bbox: [360, 360, 660, 660], desc: "" }]);
    expect(status()).toHaveTextContent("box_1 moved: top 360, left 360");
    await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
    expect(lastRows(onChange)[0]).toMatchObject({ bbox: [359, 360, 659, 660] });
    await user.keyboard("{Shift>}{ArrowRight}{ArrowRight}{ArrowUp}{/Shift}");
    expect(lastRows(onChange)[0]).toMatchObject({ bbox: [359, 360, 649, 680] });
    expect(status()).toHaveTextContent("box_1 resized: 320 wide, 290 tall");
    expect(box).toHaveAttribute(
      "aria-label",
      "box_1: center; top 359, left 360, 320 wide, 290 tall, on a 1000 grid",
    );

    // a second box is offset from the first, and gets the next free id
    await user.click(screen.getByRole("button", { name: "Add box" }));
    expect(lastRows(onChange).map((row) => [row.id, (row as LayoutRow).bbox])).toEqual([
      ["box_1", [359, 360, 649, 680]],
      ["box_2", [380, 380, 680, 680]],
    ]);
    // Enter goes to the description; Delete removes the box and focus goes to the next one, then to Add
    box.focus();
    await user.keyboard("{Enter}");
    expect(within(rowOf(1)).getByRole("textbox", { name: "Description" })).toHaveFocus();
    await user.keyboard("A red kite");
    expect(lastRows(onChange)[0]).toMatchObject({ id: "box_1", desc: "A red kite" });
    box.focus();
    await user.keyboard("{Delete}");
    expect(lastRows(onChange)).toEqual([{ id: "box_2", bbox: [380, 380, 680, 680], desc: "" }]);
    expect(status()).toHaveTextContent("box_1 deleted");
    const second = screen.getByRole("application", { name: /^box_2:/ });
    expect(second).toHaveFocus();
    await user.keyboard("{Backspace}");
    expect(lastRows(onChange)).toEqual([]);
    expect(screen.getByRole("button", { name: "Add box" })).toHaveFocus();
    expect(screen.queryByRole("application")).toBeNull();
  });

  it("stops boxes at the grid's edges and never shrinks one past 1 unit", async () => {
    const user = userEvent.setup();
    const onChange = onChangeMock();
    render(
      <LayoutEditor defaultValue={[{ id: "a_1", bbox: [0, 985, 5, 1000], desc: "" }]} onChange={onChange} />,
    );
    screen.getByRole("application").focus();
    await user.keyboard("{ArrowRight}{ArrowUp}");
    expect(onChange).not.toHaveBeenCalled(); // already at the edge: nothing changes
    await user.keyboard("{Shift>}{ArrowUp}{/Shift}");
    expect(lastRows(onChange)[0]).toMatchObject({ bbox: [0, 985, 1, 1000] });
    await user.keyboard("{Shift>}{ArrowLeft}{ArrowLeft}{/Shift}");
    expect(lastRows(onChange)[0]).toMatchObject({ bbox: [0, 985, 1, 986] });
  });

  it("takes the frame's ratio from aspectRatio; auto is 1:1 for a new image", () => {
    const { rerender, container } = render(<LayoutEditor />);
    const frame = () => container.querySelector<HTMLElement>(".flux-layout-frame")!;
    expect(frame().style.aspectRatio).toBe("1 / 1");
    rerender(<LayoutEditor aspectRatio="21:9" />);
    expect(frame().style.aspectRatio).toBe("21 / 9");
    rerender(<LayoutEditor aspectRatio="auto" image="ignored.png" />);
    expect(frame().style.aspectRatio).toBe("1 / 1");
    expect(frame().querySelector("img")).toBeNull(); // the picture is drawn in edit mode only
  });

  it("the delete button removes its row", async () => {
    const user = userEvent.setup();
    const onChange = onChangeMock();
    render(<LayoutEditor defaultValue={poster} onChange={onChange} />);
    await user.click(screen.getByRole("button", { name: "Delete table_1" }));
    expect(lastRows(onChange).map((row) => row.id)).toEqual(["background_1", "mug_1", "headline_1"]);
    expect(screen.getAllByRole("application")).toHaveLength(3);
  });

  it("shows core's error for an invalid or repeated id", async () => {
    const user = userEvent.setup();
    const onChange = onChangeMock();
    render(<LayoutEditor defaultValue={poster.slice(2)} onChange={onChange} />);
    const id = within(rowOf(1)).getByRole("textbox", { name: "Id" });
    await user.clear(id);
    await user.type(id, "Mug 1");
    expect(lastRows(onChange)[0]!.id).toBe("Mug 1");
    expect(id).toHaveAttribute("aria-invalid", "true");
    expect(id).toHaveAccessibleDescription(/ids are a short lowercase name and a number/);
    await user.clear(id);
    await user.type(id, "headline_1");
    expect(id).not.toHaveAttribute("aria-invalid");
    const second = within(rowOf(2)).getByRole("textbox", { name: "Id" });
    expect(second).toHaveAttribute("aria-invalid", "true");
    expect(second).toHaveAccessibleDescription(/row 1 already has this id/);
    // the box's label follows the id
    expect(screen.getAllByRole("application")[0]).toHaveAccessibleName(/^headline_1: lower right;/);
  });

  it("says whether and where the caption cites each box, and offers to cite it", async () => {
    const user = userEvent.setup();
    const onCite = vi.fn<(id: string) => void>();
    const { rerender } = render(
      <LayoutEditor defaultValue={poster} caption={posterCaption} onCite={onCite} />,
    );
    expect(
      within(rowOf(3)).getByText("Cited in the prompt: “Product poster. A white mug <mug_1>”"),
    ).toBeVisible();
    expect(
      within(rowOf(1)).getByText("Cited in the prompt: “…front of a terracotta wall <background_1>”"),
    ).toBeVisible();
    expect(
      within(rowOf(2)).getByText("Cited in the prompt: “…stands on an oak table <table_1>”"),
    ).toBeVisible();
    expect(within(rowOf(3)).queryByRole("button", { name: /^Cite/ })).toBeNull();
    await user.click(within(rowOf(4)).getByRole("button", { name: "Cite headline_1 in the prompt" }));
    expect(onCite).toHaveBeenCalledWith("headline_1");
    rerender(<LayoutEditor defaultValue={poster} caption={posterCaption} />);
    expect(within(rowOf(4)).getByText("Not cited in the prompt")).toBeVisible();
    rerender(<LayoutEditor defaultValue={poster} />);
    expect(screen.queryByText(/cited in the prompt/i)).toBeNull();
  });

  it("warns about a box too small to render on the output frame", () => {
    render(
      <LayoutEditor
        aspectRatio="4:3"
        frame={{ width: 1184, height: 880 }}
        defaultValue={[
          { id: "bird_1", bbox: [100, 100, 120, 130], desc: "A small bird." },
          { id: "sky_1", bbox: [0, 0, 500, 1000], desc: "Sky." },
        ]}
      />,
    );
    const [bird, sky] = screen.getAllByRole("application");
    expect(bird).toHaveAttribute("data-warning", "");
    expect(sky).not.toHaveAttribute("data-warning");
    expect(
      within(rowOf(1)).getByText(/^Row 1 \("bird_1"\): bbox is about 36 × 18 px on a 1184 × 880 frame/),
    ).toBeVisible();
    expect(within(rowOf(2)).queryByText(/px/)).toBeNull();
  });

  it("is controlled: the value shown is the parent's; and disabled: nothing changes", async () => {
    const user = userEvent.setup();
    const onChange = onChangeMock();
    const row: LayoutRow = { id: "a_1", bbox: [100, 100, 200, 200], desc: "" };
    const { rerender } = render(<LayoutEditor value={[row]} onChange={onChange} />);
    screen.getByRole("application").focus();
    await user.keyboard("{ArrowDown}");
    expect(lastRows(onChange)).toEqual([{ ...row, bbox: [110, 100, 210, 200] }]);
    expect(screen.getByRole("application")).toHaveAccessibleName(/top 100, left 100/);
    rerender(<LayoutEditor value={[row]} onChange={onChange} disabled />);
    onChange.mockClear();
    expect(screen.getByRole("button", { name: "Add box" })).toBeDisabled();
    expect(within(rowOf(1)).getByRole("textbox", { name: "Id" })).toBeDisabled();
    screen.getByRole("application").focus();
    await user.keyboard("{ArrowDown}{Delete}");
    expect(onChange).not.toHaveBeenCalled();
  });

  it("has no axe violations, with rows, errors and warnings", async () => {
    const { container } = render(
      <LayoutEditor
        defaultValue={[...poster, { id: "Bad id", bbox: [0, 0, 10, 10], desc: "" }]}
        caption={posterCaption}
        onCite={() => undefined}
        frame={{ width: 1024, height: 576 }}
        aspectRatio="16:9"
      />,
    );
    await expectNoAxeViolations(container);
  });
});

describe("LayoutEditor: pointers other than a mouse", () => {
  /** The frame, laid out at 500 × 500 px from (0, 0): 1 px is 2 grid units (happy-dom has no layout). */
  function frameAt500() {
    const frame = document.querySelector<HTMLElement>(".flux-layout-frame")!;
    frame.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 500, height: 500 });
    return frame;
  }
  const at = (pointerId: number, pointerType: string, x: number, y: number) => ({
    pointerId,
    pointerType,
    clientX: x,
    clientY: y,
    button: 0,
  });

  it("draws with touch and pen; a second finger during a drag and a cancelled drag change nothing", () => {
    const onChange = onChangeMock();
    render(<LayoutEditor onChange={onChange} data-testid="editor" />);
    const frame = frameAt500();
    const root = screen.getByTestId("editor");
    fireEvent.pointerDown(frame, at(7, "touch", 50, 100));
    expect(root).toHaveAttribute("data-state", "drawing");
    fireEvent.pointerMove(frame, at(7, "touch", 150, 300));
    // the box shows while it is drawn, but is not a row until the finger lifts
    expect(screen.getByRole("application", { name: /^box_1:/ })).toHaveAccessibleName(
      /top 200, left 100, 200 wide, 400 tall/,
    );
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.pointerDown(frame, at(8, "touch", 400, 400)); // a second finger: ignored
    fireEvent.pointerUp(frame, at(8, "touch", 450, 450));
    fireEvent.pointerUp(frame, at(7, "touch", 200, 300));
    expect(root).toHaveAttribute("data-state", "idle");
    expect(onChange.mock.calls).toEqual([[[{ id: "box_1", bbox: [200, 100, 600, 400], desc: "" }]]]);

    // a pen drag the browser cancels (a scroll, a palm) leaves the rows as they were
    fireEvent.pointerDown(frame, at(9, "pen", 10, 10));
    fireEvent.pointerMove(frame, at(9, "pen", 60, 60));
    expect(screen.getAllByRole("application")).toHaveLength(2);
    fireEvent.pointerCancel(frame, at(9, "pen", 60, 60));
    expect(screen.getAllByRole("application")).toHaveLength(1);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(root).toHaveAttribute("data-state", "idle");
  });

  it("moves a box by touch, and resizes it by a handle with a pen", () => {
    const onChange = onChangeMock();
    render(
      <LayoutEditor
        onChange={onChange}
        defaultValue={[{ id: "kite_1", bbox: [100, 100, 300, 300], desc: "" }]}
      />,
    );
    const frame = frameAt500();
    const box = screen.getByRole("application");
    fireEvent.pointerDown(box, at(1, "touch", 100, 100));
    expect(box).toHaveFocus();
    fireEvent.pointerMove(frame, at(1, "touch", 125, 110));
    fireEvent.pointerUp(frame, at(1, "touch", 125, 110));
    expect(lastRows(onChange)).toEqual([{ id: "kite_1", bbox: [120, 150, 320, 350], desc: "" }]);
    fireEvent.pointerDown(box.querySelector('[data-handle="n"]')!, at(2, "pen", 125, 60));
    fireEvent.pointerUp(frame, at(2, "pen", 400, 0));
    expect(lastRows(onChange)).toEqual([{ id: "kite_1", bbox: [0, 150, 320, 350], desc: "" }]);
    // a tap on a box selects it and changes nothing
    fireEvent.pointerDown(box, at(3, "touch", 150, 150));
    fireEvent.pointerUp(frame, at(3, "touch", 150, 150));
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(box).toHaveAttribute("data-selected", "");
  });
});

describe("LayoutEditor: edit mode", () => {
  const kitchen: EditRow[] = [
    {
      id: "window_1",
      from: "ref_image_0",
      src_bbox: [40, 300, 520, 700],
      tgt_bbox: [40, 300, 520, 700],
      desc: "The window.",
    },
    {
      id: "plant_1",
      from: "ref_image_0",
      src_bbox: [500, 40, 860, 180],
      tgt_bbox: [500, 820, 860, 960],
      desc: "The plant.",
    },
    {
      id: "lamp_1",
      from: "ref_image_1",
      src_bbox: [0, 0, 1000, 1000],
      tgt_bbox: [260, 640, 700, 800],
      desc: "The lamp.",
    },
    { id: "mug_1", from: "ref_image_0", src_bbox: [700, 520, 860, 620], tgt_bbox: null, desc: "A blue mug." },
  ];

  it("draws each row's boxes with its action: a move twice, linked; a take says where it comes from", () => {
    render(<LayoutEditor mode="edit" defaultValue={kitchen} references={2} />);
    const boxes = screen.getAllByRole("application");
    expect(boxes.map((box) => [box.getAttribute("aria-label")!.split(";")[0], box.dataset.action])).toEqual([
      ["window_1: upper center", "keep"],
      ["plant_1: lower left", "move"],
      ["plant_1 target: lower right", "move"],
      ["lamp_1: middle right", "2"],
      ["mug_1: lower center", "remove"],
    ]);
    expect(boxes[2]).toHaveAttribute("data-target", "");
    expect(within(rowOf(3)).getByText("From all of image 2")).toBeVisible();
    const action = within(rowOf(1)).getByRole("combobox", { name: "Action" });
    expect(action).toHaveValue("keep");
    expect(
      within(action)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Keep", "Move", "Change or add", "Remove", "Take from image 2"]);
  });

  it("switching the action builds BFL's row for it and keeps the drawn box", async () => {
    const user = userEvent.setup();
    const onChange = onChangeMock();
    render(
      <LayoutEditor mode="edit" defaultValue={kitchen.slice(0, 1)} references={3} onChange={onChange} />,
    );
    const action = within(rowOf(1)).getByRole("combobox", { name: "Action" });
    const box = [40, 300, 520, 700];
    const base = { id: "window_1", desc: "The window." };
    await user.selectOptions(action, "move");
    expect(lastRows(onChange)).toEqual([
      { ...base, from: "ref_image_0", src_bbox: box, tgt_bbox: [40, 550, 520, 950] },
    ]);
    expect(screen.getAllByRole("application")).toHaveLength(2);
    await user.selectOptions(action, "change");
    expect(lastRows(onChange)).toEqual([{ ...base, from: null, src_bbox: null, tgt_bbox: box }]);
    await user.selectOptions(action, "remove");
    expect(lastRows(onChange)).toEqual([{ ...base, from: "ref_image_0", src_bbox: box, tgt_bbox: null }]);
    await user.selectOptions(action, "Take from image 3");
    expect(lastRows(onChange)).toEqual([
      { ...base, from: "ref_image_2", src_bbox: [0, 0, 1000, 1000], tgt_bbox: box },
    ]);
    expect(within(rowOf(1)).getByText("From all of image 3")).toBeVisible();
    await user.selectOptions(action, "keep");
    expect(lastRows(onChange)).toEqual([{ ...base, from: "ref_image_0", src_bbox: box, tgt_bbox: box }]);
  });

  it("a new box over the picture is a change row; a move's target moves on its own from the keyboard", async () => {
    const user = userEvent.setup();
    const onChange = onChangeMock();
    render(
      <LayoutEditor
        mode="edit"
        image="data:image/gif;base64,R0lGODlhAQABAAAAACw="
        defaultValue={kitchen.slice(1, 2)}
        onChange={onChange}
      />,
    );
    screen.getByRole("application", { name: /^plant_1 target:/ }).focus();
    await user.keyboard("{ArrowLeft}");
    expect(lastRows(onChange)).toEqual([{ ...kitchen[1], tgt_bbox: [500, 810, 860, 950] }]);
    expect(status()).toHaveTextContent("plant_1 moved: top 500, left 810");
    await user.click(screen.getByRole("button", { name: "Add box" }));
    expect(lastRows(onChange)[1]).toEqual({
      id: "box_1",
      from: null,
      src_bbox: null,
      tgt_bbox: [380, 380, 680, 680],
      desc: "",
    });
  });
});

describe("LayoutEditor: in a parent's state", () => {
  function Parent() {
    const [rows, setRows] = useState<BoxRow[]>([]);
    return (
      <>
        <LayoutEditor value={rows} onChange={setRows} />
        <output aria-label="rows">{JSON.stringify(rows)}</output>
      </>
    );
  }

  it("every change reaches the parent, which the editor then shows", async () => {
    const user = userEvent.setup();
    render(<Parent />);
    await user.click(screen.getByRole("button", { name: "Add box" }));
    await user.keyboard("{ArrowUp}");
    expect(screen.getByRole("status", { name: "rows" })).toHaveTextContent(
      '[{"id":"box_1","bbox":[340,350,640,650],"desc":""}]',
    );
    expect(screen.getByRole("application")).toHaveFocus();
  });
});
