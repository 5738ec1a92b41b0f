import { http, type HttpHandler } from "msw";
import {
  createMockBfl,
  createMockHandlers,
  type MockBfl,
  type MockBflOptions,
  type MockHandlersOptions,
} from "@flux-kit/mock/msw";

/** Where stories mount the simulated API: the same path a real app mounts `@flux-kit/proxy` on. */
export const BASE_URL = "/api/flux";

/**
 * The mock BFL API as MSW handlers on `/api/flux`, like a proxy in front of BFL (so no key is needed), plus the
 * proxy's image route `GET /api/flux/v1/image?u=…`. The mock delivers on the page's own origin, so its images
 * and downloads are same-origin links that need no route.
 * @example parameters: { msw: { handlers: mockApi({ durationMs: 800 }).handlers } }
 */
export function mockApi(
  options: MockBflOptions = {},
  setup?: (mock: MockBfl) => void,
  handlerOptions: Omit<MockHandlersOptions, "baseUrl"> = {},
): { mock: MockBfl; handlers: HttpHandler[] } {
  const mock = createMockBfl({ requireAuth: false, seed: "storybook", durationMs: 1200, ...options });
  setup?.(mock);
  const imageRoute = http.get(`${BASE_URL}/v1/image`, async ({ request }) => {
    const u = new URL(request.url).searchParams.get("u") ?? "";
    const outcome = await mock.handle(new Request(new URL(u, request.url)), { basePath: BASE_URL });
    return outcome.kind === "reset" ? Response.error() : outcome.response;
  });
  return {
    mock,
    handlers: [imageRoute, ...createMockHandlers(mock, { ...handlerOptions, baseUrl: BASE_URL })],
  };
}
