// The README's MSW snippet, as written: keyless browser code against `/api/flux` reaches the mock, which plays
// the proxy that adds the key.
import { createFluxClient } from "@flux-kit/core";
import { createMockBfl } from "@flux-kit/mock";
import { createMockHandlers } from "@flux-kit/mock/msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";

const mock = createMockBfl({ clock: "manual", durationMs: 1000 });
// 2. MSW, for component tests and Storybook: the browser's requests to /api/flux reach the mock.
const server = setupServer(...createMockHandlers(mock, { baseUrl: "/api/flux" }));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
beforeEach(() => vi.useRealTimers());

it("a keyless client on /api/flux submits, polls and gets its image", async () => {
  const flux = createFluxClient({ baseUrl: "/api/flux" });
  const job = await flux.submit("flux-2-klein-4b", { prompt: "a fox", width: 256, height: 256 });
  expect(job.id).toMatch(/\S/);
  await mock.advance(1000);
  const result = await flux.getResult(job);
  expect(result.status).toBe("Ready");
});

it("a proxy with a revoked key is played with proxyKey", async () => {
  server.use(...createMockHandlers(mock, { baseUrl: "/api/flux", proxyKey: "revoked-key" }));
  const flux = createFluxClient({ baseUrl: "/api/flux", retry: false });
  await expect(flux.submit("flux-2-klein-4b", { prompt: "a fox" })).rejects.toMatchObject({
    status: 403,
    code: "auth",
  });
  server.resetHandlers();
});
