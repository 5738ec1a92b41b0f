import { isBflApiUrl } from "@flux-kit/core/internal";
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
  /**
   * The key a proxy mounted at `baseUrl` would add: requests through a mount other than BFL's own API origin
   * get it as `x-key` (a browser sends none through a proxy, and any it sends is replaced, as
   * `@flux-kit/proxy` does), so keyless browser code works against the mock as written. `false` passes
   * requests on as they come; a key the mock does not accept plays a proxy with a revoked key.
   * @default the mock's first `apiKeys` entry when `baseUrl` is not BFL's API origin; otherwise none
   * @example createMockHandlers(mock, { baseUrl: "/api/flux", proxyKey: "revoked" }) // every submit 403s
   */
  readonly proxyKey?: string | false;
}

/** Whether `baseUrl` is on one of BFL's own API hosts, where requests must carry their own key. */
function isBflApi(baseUrl: string): boolean {
  try {
    return isBflApiUrl(new URL(baseUrl));
  } catch {
    return false; // a path such as "/api/flux": the app's own proxy
  }
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
  const proxyKey = options.proxyKey ?? (isBflApi(baseUrl) ? false : (mock.settings.apiKeys[0] ?? false));
  const resolver = async ({ request }: { request: Request }) => {
    const outcome = await mock.handle(proxyKey === false ? request : withKey(request, proxyKey), {
      basePath,
    });
    return outcome.kind === "reset" ? HttpResponse.error() : outcome.response;
  };
  const handlers = [http.all(`${baseUrl}/v1/*`, resolver), http.all(`${baseUrl}/results/*`, resolver)];
  const delivery = mock.settings.deliveryOrigin?.replace(/\/+$/, "");
  if (delivery && delivery !== baseUrl) handlers.push(http.all(`${delivery}/results/*`, resolver));
  return handlers;
}

/** `request` as a proxy forwards it: the same request with the proxy's own `x-key`. */
function withKey(request: Request, key: string): Request {
  const headers = new Headers(request.headers);
  headers.set("x-key", key);
  return new Request(request, { headers });
}

export { createMockBfl } from "./createMockBfl";
export type { MockBfl } from "./createMockBfl";
export type { MockBflOptions } from "./options";
