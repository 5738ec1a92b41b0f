import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { createFluxClient } from "@flux-kit/core";
import { FluxProvider } from "@flux-kit/react";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { FluxStudio, type FluxStudioProps } from "./FluxStudio";
import { BASE_URL, mockApi } from "./stories/mockApi";

/** `FluxStudio` inside a `FluxProvider`, talking to the mock through MSW exactly as an app talks to the proxy. */
function StudioApp(props: FluxStudioProps) {
  const [client] = useState(() => createFluxClient({ baseUrl: BASE_URL }));
  return (
    <FluxProvider client={client}>
      <FluxStudio persist={false} {...props} />
    </FluxProvider>
  );
}

const meta = {
  title: "Components/FluxStudio",
  component: StudioApp,
  parameters: { layout: "fullscreen", msw: mockApi({ durationMs: [1500, 3000] }).handlers },
} satisfies Meta<typeof StudioApp>;
export default meta;
type Story = StoryObj<typeof meta>;

const TIMEOUT = { timeout: 10_000 };

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText("Your image will appear here.")).toBeVisible();
    // the history is its own chunk (with IndexedDB), loaded as the studio mounts
    await expect(await canvas.findByText(/Images you generate appear here/, {}, TIMEOUT)).toBeVisible();
  },
};

export const GenerateReopenAndRerun: Story = {
  parameters: { msw: mockApi({ durationMs: 500 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const prompt = canvas.getByRole("textbox", { name: "Prompt" });
    await userEvent.type(prompt, "A red fox in fresh snow");
    await userEvent.click(canvas.getByRole("radio", { name: "16:9" }));
    await userEvent.click(canvas.getByRole("button", { name: "Generate" }));
    await expect(
      await canvas.findByRole("img", { name: /Generated image: A red fox/ }, TIMEOUT),
    ).toBeVisible();
    const first = await canvas.findByRole("button", { name: "Show image: A red fox in fresh snow" });
    const seed = canvas.getByText("Seed", { selector: "dt" }).nextElementSibling?.textContent;

    await userEvent.clear(prompt);
    await userEvent.type(prompt, "A lighthouse at dusk{Control>}{Enter}{/Control}");
    await waitFor(
      () => expect(canvas.getAllByRole("button", { name: /^Show image:/ })).toHaveLength(2),
      TIMEOUT,
    );

    // reopen the first result, then re-run it with its seed
    await userEvent.click(first);
    await expect(canvas.getByRole("img", { name: /Generated image: A red fox/ })).toBeVisible();
    await userEvent.click(
      canvas.getByRole("button", { name: "Re-run with same seed: A red fox in fresh snow" }),
    );
    await waitFor(
      () => expect(canvas.getAllByRole("button", { name: /^Show image:/ })).toHaveLength(3),
      TIMEOUT,
    );
    await expect(canvas.getByText("Seed", { selector: "dt" }).nextElementSibling).toHaveTextContent(
      seed ?? "",
    );
  },
};

/** A phone: the toolbar's Phone viewport, and a 390 px column that lays out the same without it. */
export const Phone: Story = {
  globals: { viewport: { value: "phone", isRotated: false } },
  render: (args) => (
    <div style={{ maxWidth: 390 }}>
      <StudioApp {...args} />
    </div>
  ),
};

/** Try anything: prompt markers such as `[mock:content-moderated]`, `[mock:error]` or `[mock:stuck]` script outcomes. */
export const Playground: Story = {
  args: { defaultValue: { prompt: "A red fox in fresh snow, morning light" } },
  parameters: { msw: mockApi({ durationMs: [2000, 6000] }).handlers },
};

/**
 * The job tray: two images at once on an account that runs one task at a time (BFL's 429): the second waits
 * visibly for a free slot, billed nothing, with its own Cancel; then both land.
 */
export const JobsWaitingForSlot: Story = {
  parameters: { msw: mockApi({ durationMs: 2500, maxActiveTasks: 1 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const prompt = canvas.getByRole("textbox", { name: "Prompt" });
    await userEvent.type(prompt, "A red fox{Control>}{Enter}{/Control}");
    await userEvent.clear(prompt);
    await userEvent.type(prompt, "An owl{Control>}{Enter}{/Control}");
    const tray = await canvas.findByRole("region", { name: "Jobs" }, TIMEOUT);
    await waitFor(() => expect(within(tray).getByText("Waiting for a free slot…")).toBeVisible(), TIMEOUT);
    await expect(within(tray).getByRole("button", { name: "Cancel: An owl" })).toBeEnabled();
    await waitFor(() => expect(canvas.getAllByRole("button", { name: /^Show image:/ })).toHaveLength(2), {
      timeout: 20_000,
    });
  },
};

/** Variations: Images 3 makes three tasks of one prompt, each with its own seed. */
export const Variations: Story = {
  parameters: { msw: mockApi({ durationMs: 500 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole("textbox", { name: "Prompt" }), "A lighthouse at dusk");
    await userEvent.selectOptions(canvas.getByRole("combobox", { name: "Images" }), "3");
    await userEvent.click(canvas.getByRole("button", { name: "Generate" }));
    await waitFor(
      () => expect(canvas.getAllByRole("button", { name: /^Show image: A lighthouse/ })).toHaveLength(3),
      TIMEOUT,
    );
  },
};

export const GenerateDark: Story = { ...GenerateReopenAndRerun, globals: { theme: "dark" } };
