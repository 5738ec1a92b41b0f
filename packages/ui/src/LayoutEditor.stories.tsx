import type { Meta, StoryObj } from "@storybook/react-vite";
import { serializeRows, type BoxRow, type EditRow, type LayoutRow } from "@flux-kit/core/boxes";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { LiveLayoutEditor } from "./stories/LiveLayoutEditor";
import { mockApi } from "./stories/mockApi";

/**
 * FLUX 3 Image's bounding boxes (docs/bfl-api.md, 2026 addendum §2.8), drawn on a frame of the output's ratio. Shown inside
 * a `flux-form`, where PromptForm puts it (and whose theme variables it takes until its own class is in
 * styles.css). Each story then sends its rows: the real `useFluxGeneration` submits the caption and the rows to
 * `@flux-kit/mock` through MSW, and the play checks the prompt the mock received and the finished image.
 * Drawing and dragging by pointer are tested in real Chromium in test/LayoutEditor.browser.test.tsx.
 */
const meta = {
  title: "Components/LayoutEditor",
  component: LiveLayoutEditor,
  args: { onChange: fn(), onCite: fn() },
} satisfies Meta<typeof LiveLayoutEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The rows of the last change. */
const lastRows = (onChange: unknown) =>
  (onChange as ReturnType<typeof fn>).mock.calls.at(-1)?.[0] as BoxRow[];

/** A mock of its own per story, so a play reads the prompt its own Generate sent. */
const api = () => mockApi({ durationMs: 600 });

/**
 * Generate, then the finished image, and what reached the API: the caption with `rows` after it, as PromptForm
 * sends them.
 */
async function sendsRows(
  canvasElement: HTMLElement,
  mock: ReturnType<typeof api>["mock"],
  caption: string,
  rows: readonly BoxRow[],
) {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole("button", { name: "Generate" }));
  await waitFor(
    () => expect(canvasElement.querySelector(".flux-viewer")).toHaveAttribute("data-state", "ready"),
    { timeout: 10_000 },
  );
  await expect(await canvas.findByRole("img", { name: /^Generated image/ })).toBeVisible();
  const sent = mock.tasks.at(-1);
  await expect(sent?.model).toBe("flux-3-image");
  await expect(sent?.prompt).toBe([caption, serializeRows(rows)].filter(Boolean).join(" "));
}

/** Nothing drawn yet: Add box puts one in the middle. */
const emptyApi = api();
export const Empty: Story = {
  parameters: { msw: emptyApi.handlers },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("group", { name: /^Layout frame/ })).toBeVisible();
    await expect(canvas.queryByRole("application")).toBeNull();
    await userEvent.click(canvas.getByRole("button", { name: "Add box" }));
    await expect(lastRows(args.onChange)).toEqual([{ id: "box_1", bbox: [350, 350, 650, 650], desc: "" }]);
    await expect(canvas.getByRole("application", { name: /^box_1: center;/ })).toHaveFocus();
    await userEvent.type(canvas.getByRole("textbox", { name: "Description" }), "A red kite");
    await sendsRows(canvasElement, emptyApi.mock, "", lastRows(args.onChange));
  },
};

/** BFL's own example: a runner's silhouette over the whole frame's background. */
const runnerApi = api();
export const Runner: Story = {
  parameters: { msw: runnerApi.handlers },
  args: {
    caption: "A runner <silhouette_1> at dusk <background_1>.",
    defaultValue: [
      { id: "background_1", bbox: [0, 0, 1000, 1000], desc: "A dusky orange sky over a flat plain." },
      {
        id: "silhouette_1",
        bbox: [150, 150, 850, 850],
        desc: "The black silhouette of a runner mid-stride.",
      },
    ],
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(
      canvas.getByRole("application", { name: /^silhouette_1: center; top 150, left 150, 700 wide/ }),
    ).toBeVisible();
    await expect(canvas.getByText("Cited in the prompt: “A runner <silhouette_1>”")).toBeVisible();
    await expect(
      canvas.getByText("Cited in the prompt: “…<silhouette_1> at dusk <background_1>”"),
    ).toBeVisible();
    await sendsRows(canvasElement, runnerApi.mock, args.caption ?? "", args.defaultValue ?? []);
  },
};

const poster: LayoutRow[] = [
  {
    id: "background_1",
    bbox: [0, 0, 1000, 1000],
    desc: "A flat matte wall in warm terracotta, even studio light, no texture.",
  },
  {
    id: "table_1",
    bbox: [720, 0, 1000, 1000],
    desc: "A pale oak tabletop running edge to edge along the bottom of the frame.",
  },
  {
    id: "mug_1",
    bbox: [380, 560, 860, 900],
    desc: "A white ceramic mug with thin steam rising, handle pointing right, resting on the table.",
  },
  {
    id: "headline_1",
    bbox: [120, 60, 330, 520],
    desc: 'The words "MORNING RITUAL" in bold cream sans-serif capitals, two centered lines.',
  },
];

/** The 16:9 product poster of docs/bfl-api.md, 2026 addendum §2.9, with its headline box; the caption cites all but the headline. */
const posterApi = api();
export const Poster: Story = {
  parameters: { msw: posterApi.handlers },
  args: {
    aspectRatio: "16:9",
    frame: { width: 2736, height: 1536 },
    caption:
      "Product poster. A white mug <mug_1> stands on an oak table <table_1> in front of a terracotta wall <background_1>.",
    defaultValue: poster,
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const frame = canvasElement.querySelector<HTMLElement>(".flux-layout-frame")!;
    const { width, height } = frame.getBoundingClientRect();
    await expect(Math.round((width / height) * 9)).toBe(16);
    await expect(
      canvas.getByRole("application", {
        name: "mug_1: lower right; top 380, left 560, 340 wide, 480 tall, on a 1000 grid",
      }),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Cite headline_1 in the prompt" }));
    await expect(args.onCite).toHaveBeenCalledWith("headline_1");
    await sendsRows(canvasElement, posterApi.mock, args.caption ?? "", poster);
    const { width: w = 0, height: h = 1 } = posterApi.mock.tasks.at(-1) ?? {};
    await expect(Math.round((w / h) * 9)).toBe(16);
  },
};

const kitchen: EditRow[] = [
  {
    id: "window_1",
    from: "ref_image_0",
    src_bbox: [40, 300, 520, 700],
    tgt_bbox: [40, 300, 520, 700],
    desc: "The kitchen window with white frame and the garden behind it.",
  },
  {
    id: "kettle_1",
    from: null,
    src_bbox: null,
    tgt_bbox: [560, 120, 860, 330],
    desc: "A matte red enamel kettle with a black handle.",
  },
  {
    id: "plant_1",
    from: "ref_image_0",
    src_bbox: [500, 40, 860, 180],
    tgt_bbox: [500, 820, 860, 960],
    desc: "The potted basil plant in a terracotta pot.",
  },
  { id: "mug_1", from: "ref_image_0", src_bbox: [700, 520, 860, 620], tgt_bbox: null, desc: "A blue mug." },
  {
    id: "lamp_1",
    from: "ref_image_1",
    src_bbox: [80, 250, 920, 750],
    tgt_bbox: [260, 640, 700, 800],
    desc: "The brass table lamp from the second picture, lit.",
  },
];

/**
 * Edit mode over image 1, one row of each kind (the box edit of §2.9): keep, change, move (two linked boxes),
 * remove (struck through) and take from image 2. `auto` gives the frame the picture's own ratio.
 */
const editApi = api();
export const EditActions: Story = {
  parameters: { msw: editApi.handlers },
  args: {
    mode: "edit",
    image: "/flux-kit-sample.png",
    // image 1, which the boxes are drawn over, and image 2, the lamp's
    images: ["/flux-kit-sample.png", "/flux-kit-sample.png"],
    aspectRatio: "auto",
    references: 2,
    caption:
      "In <ref_image_0>, keep the window <window_1>, recolor the kettle <kettle_1> to matte red, move the basil plant <plant_1> to the right end of the counter, remove the mug <mug_1>, and place the brass lamp from image 2 <lamp_1> on the counter.",
    defaultValue: kitchen,
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const frame = canvasElement.querySelector<HTMLElement>(".flux-layout-frame")!;
    // the sample is 320 × 200
    await waitFor(() => expect(frame.style.aspectRatio).toBe("320 / 200"));
    const actions = canvas.getAllByRole("application").map((box) => box.dataset.action);
    await expect(actions).toEqual(["keep", "change", "move", "move", "remove", "2"]);
    await expect(canvas.getByRole("application", { name: /^plant_1 target: lower right/ })).toHaveAttribute(
      "data-target",
      "",
    );
    await expect(canvas.getByText("From a part of image 2")).toBeVisible();
    // the kettle becomes a keep row: its box stays, now as both source and target
    const kettle = within(canvas.getByRole("group", { name: "Box 2" }));
    await userEvent.selectOptions(kettle.getByRole("combobox", { name: "Action" }), "keep");
    await expect(lastRows(args.onChange)[1]).toEqual({
      id: "kettle_1",
      from: "ref_image_0",
      src_bbox: [560, 120, 860, 330],
      tgt_bbox: [560, 120, 860, 330],
      desc: "A matte red enamel kettle with a black handle.",
    });
    await sendsRows(canvasElement, editApi.mock, args.caption ?? "", lastRows(args.onChange));
  },
};

/** A bird of 30 × 20 grid units on a 1184 × 880 output: about 36 × 18 px, too small to render. */
const tooSmallApi = api();
export const TooSmall: Story = {
  parameters: { msw: tooSmallApi.handlers },
  args: {
    aspectRatio: "4:3",
    frame: { width: 1184, height: 880 },
    defaultValue: [
      { id: "sky_1", bbox: [0, 0, 600, 1000], desc: "A pale morning sky." },
      { id: "bird_1", bbox: [200, 700, 220, 730], desc: "A swallow in flight." },
    ],
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("application", { name: /^bird_1:/ })).toHaveAttribute("data-warning", "");
    await expect(canvas.getByRole("application", { name: /^sky_1:/ })).not.toHaveAttribute("data-warning");
    await expect(canvas.getByText(/bbox is about 36 × 18 px on a 1184 × 880 frame/)).toBeVisible();
    // a warning, not an error: the request still goes, the bird's box as drawn
    await sendsRows(canvasElement, tooSmallApi.mock, "", args.defaultValue ?? []);
  },
};

/** Keyboard only: Tab to Add box, Enter adds a box and focuses it, arrows move it, Shift+arrows resize it. */
const keyboardApi = api();
export const KeyboardOnly: Story = {
  parameters: { msw: keyboardApi.handlers },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Add box" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    const box = canvas.getByRole("application", { name: /^box_1:/ });
    await expect(box).toHaveFocus();
    await userEvent.keyboard("{ArrowRight}{ArrowRight}{ArrowUp}");
    await expect(lastRows(args.onChange)).toEqual([{ id: "box_1", bbox: [340, 370, 640, 670], desc: "" }]);
    await userEvent.keyboard("{Shift>}{ArrowLeft}{ArrowDown}{ArrowDown}{/Shift}{Alt>}{ArrowLeft}{/Alt}");
    await expect(lastRows(args.onChange)).toEqual([{ id: "box_1", bbox: [340, 369, 660, 659], desc: "" }]);
    await expect(box).toHaveAccessibleName(
      "box_1: center; top 340, left 369, 290 wide, 320 tall, on a 1000 grid",
    );
    // the editor's own live region (the viewer below has another)
    const editor = within(canvasElement.querySelector<HTMLElement>(".flux-layout-editor")!);
    await expect(editor.getByRole("status")).toHaveTextContent("box_1 moved: top 340, left 369");
    await userEvent.keyboard("{Enter}");
    await expect(
      within(canvas.getByRole("group", { name: "Box 1" })).getByRole("textbox", { name: "Description" }),
    ).toHaveFocus();
    await userEvent.keyboard("A paper kite");
    await sendsRows(canvasElement, keyboardApi.mock, "", lastRows(args.onChange));
    await expect(lastRows(args.onChange)[0]).toMatchObject({
      bbox: [340, 369, 660, 659],
      desc: "A paper kite",
    });
  },
};

/** The dark theme (axe checks its colour contrast too). */
export const PosterDark: Story = { ...Poster, globals: { theme: "dark" } };
export const EditActionsDark: Story = { ...EditActions, globals: { theme: "dark" } };
export const TooSmallDark: Story = { ...TooSmall, globals: { theme: "dark" } };
