import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FluxStudio } from "../src/FluxStudio";

const BASE = "https://app.test/api/flux";
const mock = createMockBfl({ requireAuth: false, durationMs: 40, seed: "studio-rerun" });
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
// every submit body the studio sent, in order
const bodies: Record<string, unknown>[] = [];
server.events.on("request:start", ({ request }) => {
  if (request.method !== "POST") return;
  void request
    .clone()
    .json()
    .then((body: Record<string, unknown>) => bodies.push(body));
});
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
  bodies.length = 0;
});
afterAll(() => server.close());

// a whole studio through the real hook, MSW and the mock; the waits are for what appears
const TEST = { timeout: 30_000 };
const OPTIONS = { timeout: 25_000 };

describe("FluxStudio re-run (#14, defect 12)", TEST, () => {
  it("a re-run uses the result's seed once; the next prompt gets a random seed again", async () => {
    const user = userEvent.setup();
    const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
    render(
      <FluxProvider client={client}>
        <FluxStudio persist={false} defaultValue={{ model: "flux-2-klein-4b" }} />
      </FluxProvider>,
    );
    const prompt = screen.getByRole("textbox", { name: "Prompt" });
    await user.type(prompt, "A red fox{Control>}{Enter}{/Control}");
    const history = screen.getByRole("region", { name: "Your images" });
    await within(history).findByRole("button", { name: "Show image: A red fox" }, OPTIONS);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toHaveProperty("seed");

    await user.click(within(history).getByRole("button", { name: "Re-run with same seed: A red fox" }));
    await waitFor(() => expect(bodies).toHaveLength(2), OPTIONS);
    expect(bodies[1]).toHaveProperty("seed", expect.any(Number));
    // the form is not left with that seed fixed
    expect(screen.getByRole("checkbox", { name: "Fixed seed" })).not.toBeChecked();

    await user.clear(prompt);
    await user.type(prompt, "A grey wolf{Control>}{Enter}{/Control}");
    await waitFor(() => expect(bodies).toHaveLength(3), OPTIONS);
    expect(bodies[2]).toMatchObject({ prompt: "A grey wolf" });
    expect(bodies[2]).not.toHaveProperty("seed");
  });
});
