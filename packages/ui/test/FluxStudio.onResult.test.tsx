import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling, type FluxResult } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PromptFormRequest } from "../src/formValue";
import { FluxStudio } from "../src/FluxStudio";

const BASE = "https://app.test/api/flux";
// a manual clock: a task finishes only when the test moves the mock's time on
const mock = createMockBfl({
  requireAuth: false,
  clock: "manual",
  durationMs: 1000,
  seed: "studio-on-result",
});
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => mock.reset());
afterAll(() => server.close());

// Real work, not waiting: the studio runs through the real hook, MSW and the mock; the waits are for what appears.
const TEST = { timeout: 30_000 };
const OPTIONS = { timeout: 25_000 };

describe("FluxStudio onResult", TEST, () => {
  it("pairs each result with its own request when a second submit overtakes the first", async () => {
    const onResult = vi.fn<(result: FluxResult, request: PromptFormRequest) => void>();
    const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
    const { container } = render(
      <FluxProvider client={client}>
        <FluxStudio persist={false} defaultValue={{ model: "flux-2-klein-4b" }} onResult={onResult} />
      </FluxProvider>,
    );
    const user = userEvent.setup();
    const submits = () => mock.requests.filter((r) => r.route === "submit").length;
    await user.click(screen.getByRole("textbox", { name: "Prompt" }));
    await user.paste("A red fox");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(
      () => expect(container.querySelector(".flux-viewer")).toHaveAttribute("data-state", "pending"),
      OPTIONS,
    );
    // the same request again while it runs is the same generation: one submit, reported once
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(submits()).toBe(1);
    // the first is still running when the second goes to another model
    await user.selectOptions(screen.getByRole("combobox", { name: "Model" }), "flux-2-pro");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(() => expect(submits()).toBe(2), OPTIONS);
    expect(onResult).not.toHaveBeenCalled();

    await mock.advance(5_000);
    await waitFor(() => expect(onResult).toHaveBeenCalledTimes(2), OPTIONS);
    expect(submits()).toBe(2);
    const pairs = onResult.mock.calls.map(([result, request]) => [result.model, request.model]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        ["flux-2-klein-4b", "flux-2-klein-4b"],
        ["flux-2-pro", "flux-2-pro"],
      ]),
    );
  });
});
