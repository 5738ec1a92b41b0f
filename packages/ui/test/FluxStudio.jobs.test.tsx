import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FluxStudio, type FluxStudioProps } from "../src/FluxStudio";
import { expectNoAxeViolations } from "./axe";

const BASE = "https://app.test/api/flux";
const mock = createMockBfl({ requireAuth: false, durationMs: 40, seed: "studio-jobs" });
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
  sessionStorage.clear();
});
afterAll(() => server.close());

function renderStudio(props: Partial<FluxStudioProps> = {}) {
  const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
  return render(
    <FluxProvider client={client}>
      <FluxStudio persist={false} defaultValue={{ model: "flux-2-klein-4b" }} {...props} />
    </FluxProvider>,
  );
}

// bounds on a stuck run only: five lognormal `[mock:slow]` runs, typed by userEvent, take a few seconds alone
// and several times that while another full test run shares the machine
const TEST = { timeout: 90_000 };
const OPTIONS = { timeout: 80_000 };
const submits = () => mock.requests.filter((r) => r.route === "submit").length;
/** The bodies of the submits the studio sent, as the server received them. */
const bodies: Record<string, unknown>[] = [];
server.events.on("request:start", ({ request }) => {
  if (request.method === "POST")
    void request
      .clone()
      .json()
      .then((body: Record<string, unknown>) => bodies.push(body));
});
afterEach(() => {
  bodies.length = 0;
});

async function generate(user: ReturnType<typeof userEvent.setup>, prompt: string) {
  const box = screen.getByRole("textbox", { name: "Prompt" });
  await user.clear(box);
  // "[" and "{" are user-event's key syntax: doubled, they are typed as they are
  await user.type(box, `${prompt.replace(/[[{]/g, "$&$&")}{Control>}{Enter}{/Control}`);
}

describe("FluxStudio runs several jobs at once", TEST, () => {
  it("five Generates while the first runs are five images in Your images, none dropped", async () => {
    // defect 2: a second Generate dropped the first from the session, though it ran and was billed
    const user = userEvent.setup();
    renderStudio();
    for (const animal of ["fox", "owl", "heron", "lynx", "hare"])
      await generate(user, `A ${animal} [mock:slow]`);
    const tray = await screen.findByRole("region", { name: "Jobs" }, OPTIONS);
    // each job is a button named by its prompt and its state
    expect(within(tray).getAllByRole("button", { name: /^A \w+ \[mock:slow\]/ }).length).toBeGreaterThan(0);
    const history = screen.getByRole("region", { name: "Your images" });
    await waitFor(
      () => expect(within(history).getAllByRole("button", { name: /^Show image:/ })).toHaveLength(5),
      OPTIONS,
    );
    expect(submits()).toBe(5);
    expect(
      within(history)
        .getAllByRole("button", { name: /^Show image:/ })
        .map((b) => b.getAttribute("aria-label"))
        .sort(),
    ).toEqual(["fox", "hare", "heron", "lynx", "owl"].map((a) => `Show image: A ${a} [mock:slow]`).sort());
    // the tray empties as they finish
    expect(screen.queryByRole("region", { name: "Jobs" })).toBeNull();
  });

  it("a job can be stopped from the tray while the others go on", async () => {
    const user = userEvent.setup();
    const { container } = renderStudio();
    await generate(user, "A stuck one [mock:stuck]");
    await generate(user, "A quick one");
    const tray = await screen.findByRole("region", { name: "Jobs" }, OPTIONS);
    await user.click(
      await within(tray).findByRole("button", { name: "Stop waiting: A stuck one [mock:stuck]" }, OPTIONS),
    );
    await within(tray).findByText("Stopped waiting", {}, OPTIONS);
    const history = screen.getByRole("region", { name: "Your images" });
    await within(history).findByRole("button", { name: "Show image: A quick one" }, OPTIONS);
    await expectNoAxeViolations(container);
    await user.click(within(tray).getByRole("button", { name: "Dismiss: A stuck one [mock:stuck]" }));
    expect(screen.queryByRole("region", { name: "Jobs" })).toBeNull();
  });
});

describe("a rate-limited submit is a visible wait, with a cancel", TEST, () => {
  it("says it waits for a free slot and why, and Cancel ends it with nothing sent after", async () => {
    // defect 3: "Sending your request…" for as long as the proxy answered 429, with no reason and no cancel
    let refused = 0;
    server.use(
      http.post(`${BASE}/v1/:model`, () => {
        refused++;
        return HttpResponse.json(
          { code: "client_limit", detail: "Too many images in progress for this user (limit 3)." },
          { status: 429, headers: { "retry-after-ms": "30" } },
        );
      }),
    );
    const user = userEvent.setup();
    const { container } = renderStudio();
    await generate(user, "A fox that has to wait");
    const viewer = container.querySelector<HTMLElement>(".flux-viewer")!;
    await waitFor(
      () => expect(viewer.querySelector(".flux-title")).toHaveTextContent("Waiting for a free slot…"),
      OPTIONS,
    );
    expect(within(viewer).getByText(/Nothing is billed while it waits/)).toBeInTheDocument();
    expect(within(viewer).getByRole("status")).toHaveTextContent("Waiting for a free slot…");
    // past the client's usual 4 retries it still waits (the proxy asks for 30 ms)
    await waitFor(() => expect(refused).toBeGreaterThan(5), OPTIONS);
    expect(container.querySelector(".flux-viewer")).toHaveAttribute("data-state", "submitting");
    await user.click(within(viewer).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(viewer).toHaveAttribute("data-state", "cancelled"));
    const after = refused;
    // ten of the proxy's retry intervals later, still nothing more was sent
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(refused).toBe(after);
  });
});

describe("a reload resumes the whole studio", TEST, () => {
  it("the form, this session's images and a running job come back", async () => {
    // defect 7: the form emptied and the history was wiped (elapsed counting from the submit: core's
    // createGenerationController.waiting test)
    const user = userEvent.setup();
    const first = renderStudio({ persist: true });
    await generate(user, "A red fox");
    const history = screen.getByRole("region", { name: "Your images" });
    await within(history).findByRole("button", { name: "Show image: A red fox" }, OPTIONS);
    await generate(user, "A slow owl [mock:stuck]");
    await screen.findByRole("progressbar", {}, OPTIONS);
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), ", at dusk");
    const typed = screen.getByRole("textbox", { name: "Prompt" });
    expect(typed).toHaveValue("A slow owl [mock:stuck], at dusk");
    first.unmount();

    const { container } = renderStudio({ persist: true });
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveValue("A slow owl [mock:stuck], at dusk"),
    );
    const again = screen.getByRole("region", { name: "Your images" });
    expect(within(again).getByRole("button", { name: "Show image: A red fox" })).toBeInTheDocument();
    const tray = screen.getByRole("region", { name: "Jobs" });
    expect(within(tray).getByRole("button", { name: /^A slow owl \[mock:stuck\]/ })).toBeInTheDocument();
    expect(container.querySelector(".flux-viewer")).toHaveAttribute("data-state", "pending");
    expect(submits()).toBe(2); // resumed, not submitted again
  });
});

describe("variations and the editing loop", TEST, () => {
  it("Images: 3 makes three tasks with three seeds; Vary makes one more of the shown one with a new seed", async () => {
    const user = userEvent.setup();
    renderStudio();
    await user.selectOptions(screen.getByRole("combobox", { name: "Images" }), "3");
    await generate(user, "A fox in snow");
    const history = screen.getByRole("region", { name: "Your images" });
    await waitFor(
      () =>
        expect(within(history).getAllByRole("button", { name: "Show image: A fox in snow" })).toHaveLength(3),
      OPTIONS,
    );
    // the first goes as the form made it (BFL picks its seed), the others each with a seed of their own
    const seeds = () => bodies.map((body) => body.seed);
    expect(new Set(seeds()).size).toBe(3);
    expect(seeds()[0]).toBeUndefined();
    expect(
      seeds()
        .slice(1)
        .every((seed) => Number.isInteger(seed)),
    ).toBe(true);

    await user.click(screen.getByRole("button", { name: "Vary" }));
    await waitFor(
      () =>
        expect(within(history).getAllByRole("button", { name: "Show image: A fox in snow" })).toHaveLength(4),
      OPTIONS,
    );
    expect(new Set(seeds()).size).toBe(4);
  });

  it.each([1, 2, 4])("a double click on Generate with Images: %s submits each image once", async (images) => {
    const user = userEvent.setup();
    renderStudio();
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "A fox");
    await user.selectOptions(screen.getByRole("combobox", { name: "Images" }), String(images));
    const generateButton = screen.getByRole("button", { name: "Generate" });
    await waitFor(() => expect(generateButton).toBeEnabled(), OPTIONS);
    await user.dblClick(generateButton);
    const history = screen.getByRole("region", { name: "Your images" });
    await waitFor(
      () =>
        expect(within(history).getAllByRole("button", { name: "Show image: A fox" })).toHaveLength(images),
      OPTIONS,
    );
    expect(submits()).toBe(images);
  });

  it("FLUX 3 has no seed: Images: 2 and Vary send none (its strict schema would refuse the request)", async () => {
    const user = userEvent.setup();
    renderStudio({ defaultValue: { model: "flux-3-image" } });
    await screen.findByRole("group", { name: "Resolution" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Images" }), "2");
    await generate(user, "A lighthouse");
    const history = screen.getByRole("region", { name: "Your images" });
    await waitFor(
      () =>
        expect(within(history).getAllByRole("button", { name: "Show image: A lighthouse" })).toHaveLength(2),
      OPTIONS,
    );
    await user.click(screen.getByRole("button", { name: "Vary" }));
    await waitFor(
      () =>
        expect(within(history).getAllByRole("button", { name: "Show image: A lighthouse" })).toHaveLength(3),
      OPTIONS,
    );
    expect(bodies).toHaveLength(3);
    for (const body of bodies) expect(body).not.toHaveProperty("seed");
    expect(mock.requests.filter((r) => r.route === "submit").map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("Edit this image makes the result the form's reference, matched in size, and puts the cursor in the prompt", async () => {
    const user = userEvent.setup();
    renderStudio();
    await generate(user, "A red barn");
    await screen.findByRole("img", { name: "Generated image: A red barn" }, OPTIONS);
    await user.click(screen.getByRole("button", { name: "Edit this image" }));
    const prompt = screen.getByRole("textbox", { name: "Prompt" });
    await waitFor(() => expect(prompt).toHaveFocus(), OPTIONS);
    expect(prompt).toHaveValue("");
    expect(screen.getByRole("button", { name: /^Remove / })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: /Match input/ })).toBeChecked();
    await user.type(prompt, "Paint the barn blue{Control>}{Enter}{/Control}");
    await waitFor(() => expect(submits()).toBe(2), OPTIONS);
    await waitFor(() => expect(bodies).toHaveLength(2));
    const edit = bodies.at(-1)!;
    expect(edit.prompt).toBe("Paint the barn blue");
    expect(String(edit.input_image)).toMatch(/^data:image\//);
    // BFL matches the reference's shape: no size is sent
    expect(edit.width).toBeUndefined();
  });

  it.each([
    ["its link has lapsed (403)", () => HttpResponse.json({ detail: "expired" }, { status: 403 })],
    ["the network fails", () => HttpResponse.error()],
  ])("Edit this image says so when the image cannot be read back: %s", async (_, answer) => {
    const user = userEvent.setup();
    renderStudio();
    await generate(user, "A red barn");
    await screen.findByRole("img", { name: "Generated image: A red barn" }, OPTIONS);
    server.use(http.get(`${BASE}/v1/image`, answer), http.get("*/results/*", answer));
    await user.click(screen.getByRole("button", { name: "Edit this image" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/could not be loaded to edit it/);
    // the form is left as it was
    expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveValue("A red barn");
    expect(screen.queryByRole("button", { name: /^Remove / })).toBeNull();
  });
});
