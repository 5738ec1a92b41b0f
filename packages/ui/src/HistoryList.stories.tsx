import type { Meta, StoryObj } from "@storybook/react-vite";
import type { ModelId } from "@flux-kit/core";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { HistoryList, type HistoryEntry } from "./HistoryList";

/** A small square SVG as a data URL: a thumbnail that needs no network. */
const swatch = (from: string, to: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><defs><linearGradient id="g" x2="1" y2="1"><stop stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="64" height="64" fill="url(#g)"/></svg>`,
  )}`;

const entry = (
  id: string,
  prompt: string,
  colours: [string, string],
  options: { model?: ModelId; input?: boolean; seed?: number } = {},
): HistoryEntry => {
  const { model = "flux-2-pro", input = true, seed = 42 } = options;
  return {
    result: {
      id,
      model,
      url: swatch(...colours),
      expiresAt: undefined,
      seed,
      prompt,
      startTime: undefined,
      endTime: undefined,
      duration: undefined,
      cost: undefined,
      raw: {},
    },
    model,
    prompt,
    input: input ? { prompt, width: 1024, height: 1024, seed } : undefined,
  };
};

const ENTRIES: readonly HistoryEntry[] = [
  entry("task-fox", "A red fox in fresh snow", ["#c2410c", "#f8fafc"], { seed: 7 }),
  entry("task-lighthouse", "A lighthouse at dusk", ["#1e3a8a", "#f59e0b"], { seed: 1234 }),
  // kept from an earlier session without its request (large reference images): no re-run
  entry("task-forest", "Mossy forest, morning fog", ["#14532d", "#a7f3d0"], {
    model: "flux-kontext-pro",
    input: false,
  }),
];
const [FOX, LIGHTHOUSE, FOREST] = ENTRIES as [HistoryEntry, HistoryEntry, HistoryEntry];

/**
 * Finished images as thumbnails: reopen one, re-run it with its seed, use its settings again or delete it, and
 * search the prompts. Thumbnails here are inline SVGs.
 */
const meta = {
  title: "Components/HistoryList",
  component: HistoryList,
  args: { entries: ENTRIES, onSelect: fn(), onRerun: fn(), style: { maxWidth: 360 } },
} satisfies Meta<typeof HistoryList>;
export default meta;
type Story = StoryObj<typeof meta>;

const TIMEOUT = { timeout: 10_000 };

export const FewEntries: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const open = canvas.getAllByRole("button", { name: /^Show image:/ });
    await expect(open.map((b) => b.getAttribute("aria-label"))).toEqual([
      "Show image: A red fox in fresh snow",
      "Show image: A lighthouse at dusk",
      "Show image: Mossy forest, morning fog",
    ]);
    // every thumbnail really decodes
    for (const img of canvasElement.querySelectorAll("img")) {
      await waitFor(() => expect(img.naturalWidth).toBe(64), TIMEOUT);
    }
    // a re-run needs the request: the entry kept without one offers none
    await expect(canvas.getAllByRole("button", { name: /^Re-run with same seed:/ })).toHaveLength(2);
    await expect(
      canvas.queryByRole("button", { name: "Re-run with same seed: Mossy forest, morning fog" }),
    ).toBeNull();
    // no handlers, no Use again or Delete; no search unless asked for
    await expect(canvas.queryByRole("button", { name: /^Use again/ })).toBeNull();
    await expect(canvas.queryByRole("button", { name: /^Delete/ })).toBeNull();
    await expect(canvas.queryByRole("searchbox")).toBeNull();
    await expect(canvas.queryByRole("button", { current: true })).toBeNull();

    await userEvent.click(canvas.getByRole("button", { name: "Show image: A lighthouse at dusk" }));
    await expect(args.onSelect).toHaveBeenCalledOnce();
    await expect(args.onSelect).toHaveBeenCalledWith(LIGHTHOUSE);
  },
};

export const Empty: Story = {
  args: { entries: [], searchable: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("region", { name: "Your images" })).toBeVisible();
    await expect(
      canvas.getByText("Images you generate appear here, and stay in this browser."),
    ).toBeVisible();
    await expect(canvas.queryByRole("list")).toBeNull();
    // nothing to search yet, and an empty history is no announcement
    await expect(canvas.queryByRole("searchbox")).toBeNull();
    await expect(canvas.queryByRole("status")).toBeNull();
  },
};

/** The entry shown in the viewer is marked `aria-current` and outlined. */
export const Selected: Story = {
  args: { selectedId: LIGHTHOUSE.result.id },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const current = canvas.getByRole("button", { current: true });
    await expect(current).toHaveAccessibleName("Show image: A lighthouse at dusk");
    await expect(current.closest("li")).toHaveAttribute("data-state", "active");
    await expect(
      canvas.getByRole("button", { name: "Show image: A red fox in fresh snow" }).closest("li"),
    ).toHaveAttribute("data-state", "inactive");
    // the outline is the accent colour, not the transparent border of the others
    await expect(getComputedStyle(current).borderTopColor).not.toBe(
      getComputedStyle(canvas.getByRole("button", { name: /^Show image: A red fox/ })).borderTopColor,
    );
  },
};

/** The search filters by prompt as you type. */
export const Searchable: Story = {
  args: { searchable: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const search = canvas.getByRole("searchbox", { name: "Search your images" });
    await userEvent.type(search, "  LIGHT");
    await expect(canvas.getAllByRole("button", { name: /^Show image:/ })).toHaveLength(1);
    await expect(canvas.getByRole("button", { name: /^Show image:/ })).toHaveAccessibleName(
      "Show image: A lighthouse at dusk",
    );
    await userEvent.clear(search);
    await expect(canvas.getAllByRole("button", { name: /^Show image:/ })).toHaveLength(3);
  },
};

/** A search that matches nothing says so, as a status a screen reader announces. */
export const SearchNoMatch: Story = {
  args: { searchable: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole("searchbox", { name: "Search your images" }), "zebra ");
    await expect(canvas.getByRole("status")).toHaveTextContent("No image matches “zebra”.");
    await expect(canvas.queryByRole("list")).toBeNull();
    // the search box stays, so the query can be changed
    await expect(canvas.getByRole("searchbox")).toHaveValue("zebra ");
  },
};

/** Use again, Delete and Re-run, each reached and pressed from the keyboard. */
export const WithActions: Story = {
  args: { onUseAgain: fn(), onDelete: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    // the first entry's controls, in order: reopen, re-run, use again, delete
    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Show image: A red fox in fresh snow" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await expect(args.onSelect).toHaveBeenCalledOnce();
    await expect(args.onSelect).toHaveBeenCalledWith(FOX);

    await userEvent.tab();
    await expect(
      canvas.getByRole("button", { name: "Re-run with same seed: A red fox in fresh snow" }),
    ).toHaveFocus();
    await userEvent.keyboard(" ");
    await expect(args.onRerun).toHaveBeenCalledOnce();
    await expect(args.onRerun).toHaveBeenCalledWith(FOX);

    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Use again: A red fox in fresh snow" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await expect(args.onUseAgain).toHaveBeenCalledOnce();
    await expect(args.onUseAgain).toHaveBeenCalledWith(FOX);

    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Delete: A red fox in fresh snow" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await expect(args.onDelete).toHaveBeenCalledOnce();
    await expect(args.onDelete).toHaveBeenCalledWith(FOX);

    // past the second entry's four controls to the third, kept without its request: reopen, then Use again
    for (let i = 0; i < 5; i++) await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Show image: Mossy forest, morning fog" })).toHaveFocus();
    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Use again: Mossy forest, morning fog" })).toHaveFocus();
    await userEvent.keyboard(" ");
    await expect(args.onUseAgain).toHaveBeenLastCalledWith(FOREST);
    await expect(args.onRerun).toHaveBeenCalledTimes(1);
  },
};

/** On a 390 px phone (the "Phone" viewport): the full width, nothing scrolls sideways, every control a real target. */
export const OnPhone: Story = {
  args: { ...WithActions.args, searchable: true, style: undefined },
  globals: { viewport: { value: "phone", isRotated: false } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(window.innerWidth).toBe(390);
    const history = canvas.getByRole("region", { name: "Your images" });
    await expect(history.scrollWidth).toBeLessThanOrEqual(history.clientWidth);
    // WCAG 2.5.8: targets of at least 24 × 24 px
    for (const button of canvas.getAllByRole("button")) {
      const { width, height } = button.getBoundingClientRect();
      await expect({
        name: button.getAttribute("aria-label"),
        width: width >= 24,
        height: height >= 24,
      }).toEqual({
        name: button.getAttribute("aria-label"),
        width: true,
        height: true,
      });
    }
  },
};

/** The dark theme (axe checks its colour contrast too). */
export const WithActionsDark: Story = {
  ...WithActions,
  args: { ...WithActions.args, selectedId: FOX.result.id, searchable: true },
  globals: { theme: "dark" },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("button", { current: true })).toHaveAccessibleName(
      "Show image: A red fox in fresh snow",
    );
    // the dark palette is in force: light text on the history
    const title = canvas.getByRole("heading", { name: "Your images" });
    await expect(getComputedStyle(title).color).toBe("rgb(160, 168, 182)");
  },
};
