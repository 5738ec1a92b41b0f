import { createFluxProxy } from "../src/index";
import type { FluxProxyOptions, ProxyRequestInfo } from "../src/options";
import { createFakeBfl, TEST_KEY, type FakeBflOptions } from "./fakeBfl";

export const ORIGIN = "https://app.example";
export const BASE = `${ORIGIN}/api/flux`;

/** The peer address `setup`'s proxy sees unless a test passes its own `info` (as a Node socket would give). */
export const PEER = "192.0.2.10";

/**
 * A proxy over an in-process fake BFL; every upstream request is recorded in `fake.calls`. Requests come from
 * `PEER` unless a test passes its own `info` (`{}` for a runtime that gives no address).
 */
export function setup(options: FluxProxyOptions = {}, fakeOptions: FakeBflOptions = {}) {
  const fake = createFakeBfl(fakeOptions);
  const handler = createFluxProxy({ apiKey: TEST_KEY, allowAnonymous: true, fetch: fake.fetch, ...options });
  const proxy = (request: Request, info: ProxyRequestInfo = { clientAddress: PEER }) =>
    handler(request, info);
  return { fake, proxy };
}

/** The proxy's polling URL for `taskId` on `origin` (its signed token matched loosely). */
export const pollingUrlFor = (taskId: string, origin = ORIGIN) =>
  new RegExp(`^${origin.replace(/[.]/g, "\\.")}/api/flux/v1/get_result\\?id=${taskId}&t=[\\w-]+\\.[\\w-]+$`);

/** Submits through `proxy` and returns the task's proxy polling path (with its token). */
export async function submitTask(
  proxy: (request: Request, info?: ProxyRequestInfo) => Promise<Response>,
  info?: ProxyRequestInfo,
  body: unknown = { prompt: "x" },
): Promise<{ id: string; poll: string }> {
  const res = await proxy(post("/v1/flux-2-pro", body), info);
  const json = (await res.json()) as { id: string; polling_url: string };
  const url = new URL(json.polling_url);
  return { id: json.id, poll: `/v1/get_result${url.search}` };
}

export function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { headers });
}

/** Everything a client can see of a response: status, headers and body text. */
export async function visible(response: Response): Promise<string> {
  const headers: string[] = [];
  response.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
  return `${response.status}\n${headers.join("\n")}\n${await response.text()}`;
}
