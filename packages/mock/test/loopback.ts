import { afterEach } from "vitest";
import { startMockServer, type MockServer, type StartMockServerOptions } from "../src/index";

export const KEY = "mock-key";

/** What a submit or poll answered on the wire: its status and parsed JSON body. */
export interface WireAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A mock server on loopback with the few requests the behaviour tests send, closed after each test. */
export interface Loopback {
  readonly server: MockServer;
  /**
   * POSTs `body` (JSON-encoded unless a string) to `/v1/{model}`. `contentType: null` sends none (a byte body,
   * as `fetch` does for a `Uint8Array`); `key: null` sends no `x-key`.
   */
  submit(
    model: string,
    body: unknown,
    options?: { key?: string | null; contentType?: string | null },
  ): Promise<WireAnswer>;
  /** GETs a polling URL (or any API URL) and parses the JSON answer. */
  get(url: string): Promise<WireAnswer>;
  /** Moves the mock's manual clock. */
  advance(ms: number): Promise<void>;
}

const open: MockServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/**
 * Starts `startMockServer` on a free loopback port with a manual clock (seed 1 unless given), so every
 * status change is driven by `advance`, not by how fast the machine is.
 */
export async function loopback(options: StartMockServerOptions = {}): Promise<Loopback> {
  const server = await startMockServer({ port: 0, clock: "manual", seed: 1, ...options });
  open.push(server);
  const parse = async (res: Response): Promise<WireAnswer> => {
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  return {
    server,
    async submit(model, body, { key = KEY, contentType = "application/json" } = {}) {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      const headers: Record<string, string> = {};
      if (key !== null) headers["x-key"] = key;
      if (contentType !== null) headers["content-type"] = contentType;
      const res = await fetch(`${server.url}/v1/${model}`, {
        method: "POST",
        headers,
        // bytes, so fetch adds no Content-Type of its own
        body: new TextEncoder().encode(text),
      });
      return parse(res);
    },
    async get(url) {
      return parse(await fetch(url, { headers: { "x-key": KEY } }));
    },
    advance: (ms) => server.mock.advance(ms),
  };
}
