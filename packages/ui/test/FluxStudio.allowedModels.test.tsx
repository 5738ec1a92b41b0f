import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient } from "@tanstack/react-query";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling, type FluxClientOptions, type ModelId } from "@flux-kit/core";
import { MODELS_ROUTE_PATH, modelsRouteBody } from "@flux-kit/core/internal";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider, fluxAllowedModelsQueryKey } from "@flux-kit/react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FluxStudio } from "../src/FluxStudio";
import { FORM_MODELS } from "../src/formModels";

// The proxy's models route in front of the mock BFL: the studio asks `GET {base}/v1/models` and offers only what
// it answers. The mock itself, like BFL, has no such route (404).
const BASE = "https://app.test/api/flux";
const ROUTE = `${BASE}${MODELS_ROUTE_PATH}`;
const THREE: readonly ModelId[] = ["flux-2-pro", "flux-2-klein-4b", "flux-kontext-pro"];

const mock = createMockBfl({ requireAuth: false, durationMs: 40, seed: "studio-allowed-models" });
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
});
afterAll(() => server.close());

/** Answers the models route the way `@flux-kit/proxy` does for `allowedModels: ids`; counts the calls. */
function proxyAllowing(ids: readonly string[], hold?: Promise<void>) {
  const asked = { count: 0 };
  server.use(
    http.get(ROUTE, async () => {
      asked.count++;
      await hold;
      return new HttpResponse(modelsRouteBody(ids), {
        headers: { "content-type": "application/json", "cache-control": "private, max-age=60" },
      });
    }),
  );
  return asked;
}

function renderStudio(props: Parameters<typeof FluxStudio>[0] = {}, options: FluxClientOptions = {}) {
  const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) }, ...options });
  const queryClient = new QueryClient();
  const allowedModels = vi.spyOn(client, "allowedModels");
  const view = render(
    <FluxProvider client={client} queryClient={queryClient}>
      <FluxStudio persist={false} {...props} />
    </FluxProvider>,
  );
  return { ...view, client, queryClient, allowedModels };
}

/** The models route of a proxy whose `authorize` refuses the caller (401) until `signIn()`, then allows three. */
function signInLater() {
  let signedIn = false;
  server.use(
    http.get(ROUTE, () =>
      signedIn
        ? new HttpResponse(modelsRouteBody(THREE), { headers: { "content-type": "application/json" } })
        : HttpResponse.json({ detail: "Sign in", code: "unauthenticated" }, { status: 401 }),
    ),
  );
  return { signIn: () => (signedIn = true) };
}

const picker = () => screen.getByRole<HTMLSelectElement>("combobox", { name: "Model" });
const offered = () =>
  within(picker())
    .getAllByRole<HTMLOptionElement>("option")
    .map((o) => o.value);
/** Settles once the studio's question has its answer (or its error) in the query cache. */
const answered = (queryClient: QueryClient, status: "success" | "error") =>
  waitFor(() => expect(queryClient.getQueryState(fluxAllowedModelsQueryKey(BASE))?.status).toBe(status));

// Real work, not waiting: whole-studio renders in happy-dom; the waits are for what appears, bounded inside it.
const TEST = { timeout: 30_000 };

describe("FluxStudio offers only the models the server allows", TEST, () => {
  it("with a proxy allowing three models, the picker offers exactly those three", async () => {
    const asked = proxyAllowing(THREE);
    const { allowedModels } = renderStudio();
    await waitFor(() => expect(offered()).toEqual(THREE));
    expect(asked.count).toBe(1);
    expect(allowedModels).toHaveBeenCalledTimes(1);
  });

  it("keeps the catalogue's order and drops ids the form cannot edit or does not know", async () => {
    const { queryClient } = renderStudio();
    proxyAllowing([
      "flux-kontext-pro",
      "flux-3-image",
      "flux-tools/outpainting-v1",
      "flux-tools/erase-v1",
      "flux-9-future",
      "flux-2-pro",
    ]);
    await queryClient.refetchQueries({ queryKey: fluxAllowedModelsQueryKey(BASE) });
    // erase is a form model (an image and a painted mask); outpainting's canvas is not; FLUX 3 comes last
    await waitFor(() =>
      expect(offered()).toEqual(["flux-2-pro", "flux-kontext-pro", "flux-tools/erase-v1", "flux-3-image"]),
    );
  });

  it("offers the default list while the answer is on its way, then switches a disallowed model to the first allowed", async () => {
    let release!: () => void;
    const asked = proxyAllowing(THREE, new Promise<void>((resolve) => (release = resolve)));
    const user = userEvent.setup();
    const { queryClient } = renderStudio({ defaultValue: { model: "flux-2-klein-9b" } });
    await waitFor(() => expect(asked.count).toBe(1));
    expect(offered()).toEqual(FORM_MODELS);
    expect(picker()).toHaveValue("flux-2-klein-9b");
    await user.click(screen.getByRole("textbox", { name: "Prompt" }));
    await user.paste("A red fox");

    release();
    await answered(queryClient, "success");
    await waitFor(() => expect(offered()).toEqual(THREE));
    expect(picker()).toHaveValue("flux-2-pro");
    // what still applies carries over, as when the person switches models
    expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveValue("A red fox");

    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(() => expect(mock.requests.some((r) => r.route === "submit")).toBe(true));
    const submitted = mock.requests.filter((r) => r.route === "submit").map((r) => new URL(r.url).pathname);
    expect(submitted).toEqual(["/api/flux/v1/flux-2-pro"]);
  });

  it("keeps an allowed model the person chose", async () => {
    proxyAllowing(THREE);
    const { queryClient } = renderStudio({ defaultValue: { model: "flux-kontext-pro" } });
    await answered(queryClient, "success");
    await waitFor(() => expect(offered()).toEqual(THREE));
    expect(picker()).toHaveValue("flux-kontext-pro");
  });

  it("where the route is absent (BFL itself, an older proxy: 404) keeps the default list, asking once", async () => {
    const { queryClient } = renderStudio({ defaultValue: { model: "flux-2-klein-4b" } });
    await answered(queryClient, "error");
    expect(queryClient.getQueryState(fluxAllowedModelsQueryKey(BASE))?.error).toMatchObject({ status: 404 });
    expect(offered()).toEqual(FORM_MODELS);
    expect(picker()).toHaveValue("flux-2-klein-4b");
    const models = mock.requests.filter((r) => new URL(r.url).pathname === "/api/flux/v1/models");
    expect(models.map((r) => r.status)).toEqual([404]);
  });

  it.each([
    ["refuses the caller (401)", 401, { detail: "Sign in", code: "unauthenticated" }],
    ["answers something else", 200, { models: "all" }],
    // the client's read retries (backing off for seconds) are turned off, so the test need not wait them out
    ["fails (500)", 500, { detail: "Internal proxy error." }, { retry: false }],
  ] as const)(
    "when the server %s it keeps the default list",
    async (_, status, body, options?: FluxClientOptions) => {
      server.use(http.get(ROUTE, () => HttpResponse.json(body, { status })));
      const { queryClient } = renderStudio({ defaultValue: { model: "flux-dev" } }, options);
      await answered(queryClient, "error");
      expect(offered()).toEqual(FORM_MODELS);
      expect(picker()).toHaveValue("flux-dev");
    },
  );

  // Signed in after the page loaded (a Server Action's sign-in): the list the server refused is asked for again
  // once it shows the person may generate, or says the model shown is not enabled. Before, the picker kept every
  // model until a reload, and Generate kept meeting model_not_enabled.
  it("asks again after a 401 once the server says the model shown is not enabled, then offers what it allows", async () => {
    const session = signInLater();
    server.use(
      http.post(`${BASE}/v1/flux-dev`, () =>
        HttpResponse.json(
          { detail: 'The model "flux-dev" is not enabled on this server.', code: "model_not_enabled" },
          { status: 403 },
        ),
      ),
    );
    const user = userEvent.setup();
    const { queryClient, allowedModels } = renderStudio({ defaultValue: { model: "flux-dev" } });
    await answered(queryClient, "error");
    expect(offered()).toEqual(FORM_MODELS);

    session.signIn();
    await user.click(screen.getByRole("textbox", { name: "Prompt" }));
    await user.paste("A red fox");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(() => expect(offered()).toEqual(THREE));
    expect(picker()).toHaveValue("flux-2-pro");
    expect(allowedModels).toHaveBeenCalledTimes(2);
  });

  it("asks again after a 401 once a submit goes through", async () => {
    const session = signInLater();
    const user = userEvent.setup();
    const { queryClient } = renderStudio({ defaultValue: { model: "flux-2-klein-4b" } });
    await answered(queryClient, "error");
    session.signIn();
    await user.click(screen.getByRole("textbox", { name: "Prompt" }));
    await user.paste("A red fox");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(() => expect(offered()).toEqual(THREE));
    expect(picker()).toHaveValue("flux-2-klein-4b");
  });

  it("an allowlist with none of the form's models leaves the default list: never an empty picker", async () => {
    proxyAllowing(["flux-tools/vto-v1", "flux-tools/outpainting-v1"]);
    const { queryClient } = renderStudio();
    await answered(queryClient, "success");
    expect(offered()).toEqual(FORM_MODELS);
  });

  it("with a `models` prop offers those as given and does not ask the proxy", () => {
    const asked = proxyAllowing(THREE);
    const { allowedModels } = renderStudio({ models: ["flux-dev", "flux-2-max"] });
    expect(offered()).toEqual(["flux-dev", "flux-2-max"]);
    expect(allowedModels).not.toHaveBeenCalled();
    expect(asked.count).toBe(0);
  });
});
