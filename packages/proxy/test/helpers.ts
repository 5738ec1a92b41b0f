import { createFluxProxy } from "../src/index";
import type { FluxProxyOptions } from "../src/options";
import { createFakeBfl, TEST_KEY, type FakeBflOptions } from "./fakeBfl";

export const ORIGIN = "https://app.example";
export const BASE = `${ORIGIN}/api/flux`;

/** A proxy over an in-process fake BFL; every upstream request is recorded in `fake.calls`. */
export function setup(options: FluxProxyOptions = {}, fakeOptions: FakeBflOptions = {}) {
  const fake = createFakeBfl(fakeOptions);
  const proxy = createFluxProxy({ apiKey: TEST_KEY, allowAnonymous: true, fetch: fake.fetch, ...options });
  return { fake, proxy };
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
