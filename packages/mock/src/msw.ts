import { http, HttpResponse, type HttpHandler } from "msw";
import { createMockBfl, type MockBfl } from "./createMockBfl";
import type { MockBflOptions } from "./options";

/** Options of {@link createMockHandlers}. */
export interface MockHandlersOptions {
  /**
   * Where the BFL routes live: an absolute origin (`https://api.bfl.ai`) or a path on the page's origin
   * (`/api/flux`, e.g. a proxy mount in Storybook). Delivery URLs are served under it too, unless the mock
   * has a `deliveryOrigin`. @default "https://api.bfl.ai"
   */
  readonly baseUrl?: string;
}

function isMock(value: unknown): value is MockBfl {
  return typeof value === "object" && value !== null && typeof (value as MockBfl).handle === "function";
}

/**
 * MSW request handlers backed by the simulator, for tests (`setupServer`) and Storybook (`setupWorker`,
 * `msw-storybook-addon`). A scripted connection reset becomes `HttpResponse.error()`.
 *
 * @example
 * const mock = createMockBfl({ clock: "manual" });
 * const server = setupServer(...createMockHandlers(mock, { baseUrl: "https://api.bfl.ai" }));
 */
export function createMockHandlers(
  mockOrOptions: MockBfl | MockBflOptions = {},
  options: MockHandlersOptions = {},
): HttpHandler[] {
  const mock = isMock(mockOrOptions) ? mockOrOptions : createMockBfl(mockOrOptions);
  const baseUrl = (options.baseUrl ?? "https://api.bfl.ai").replace(/\/+$/, "");
  const basePath = /^https?:\/\//.test(baseUrl) ? new URL(baseUrl).pathname.replace(/\/+$/, "") : baseUrl;
  const resolver = async ({ request }: { request: Request }) => {
    const outcome = await mock.handle(request, { basePath });
    return outcome.kind === "reset" ? HttpResponse.error() : outcome.response;
  };
  const handlers = [http.all(`${baseUrl}/v1/*`, resolver), http.all(`${baseUrl}/results/*`, resolver)];
  const delivery = mock.settings.deliveryOrigin?.replace(/\/+$/, "");
  if (delivery && delivery !== baseUrl) handlers.push(http.all(`${delivery}/results/*`, resolver));
  return handlers;
}

export { createMockBfl } from "./createMockBfl";
export type { MockBfl } from "./createMockBfl";
export type { MockBflOptions } from "./options";
