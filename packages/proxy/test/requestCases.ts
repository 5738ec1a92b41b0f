// The adversarial request table: one hostile request each, with the status it must get. Run by
// security.adversarial.test.ts on the Web transport and through the Node adapter on loopback.
import { TEST_KEY } from "./fakeBfl";
import { BASE, post } from "./helpers";

export const ALLOWED_HOSTS = new Set(["api.bfl.ai", "api.eu2.bfl.ai", "delivery-eu1.bfl.ai"]);
const future = encodeURIComponent(new Date(Date.now() + 5 * 60_000).toISOString());
export const img = (u: string) => new Request(`${BASE}/v1/image?u=${encodeURIComponent(u)}`);
const req = (method: string, path: string, init: RequestInit = {}) =>
  new Request(`${BASE}${path}`, { method, ...init });

export interface Case {
  readonly name: string;
  readonly request: () => Request;
  readonly status: number;
  /** Script the fake BFL's next answer. */
  readonly upstream?: [number, string, Record<string, string>?];
}

export const cases: Case[] = [
  {
    name: "client x-key is replaced by the server key",
    request: () => post("/v1/flux-2-pro", { prompt: "x" }, { "x-key": "stolen" }),
    status: 200,
  },
  { name: "image: foreign host", request: () => img("https://evil.example/a.jpg"), status: 403 },
  {
    name: "image: userinfo @ trick",
    request: () => img("https://delivery-eu1.bfl.ai@evil.example/a.jpg"),
    status: 403,
  },
  {
    name: "image: fragment @ trick",
    request: () => img("https://evil.example#@delivery-eu1.bfl.ai/a.jpg"),
    status: 403,
  },
  {
    name: "image: suffix host",
    request: () => img("https://delivery-eu1.bfl.ai.evil.example/a.jpg"),
    status: 403,
  },
  {
    name: "image: host in query",
    request: () => img("https://evil.example/?h=delivery-eu1.bfl.ai"),
    status: 403,
  },
  { name: "image: IPv6 loopback", request: () => img("https://[::1]/a.jpg"), status: 403 },
  { name: "image: IPv4-mapped IPv6", request: () => img("https://[::ffff:169.254.169.254]/"), status: 403 },
  { name: "image: metadata IP", request: () => img("http://169.254.169.254/latest/meta-data"), status: 403 },
  { name: "image: hex IP", request: () => img("https://0x7f.1/a.jpg"), status: 403 },
  {
    name: "image: http instead of https",
    request: () => img("http://delivery-eu1.bfl.ai/results/a.jpg"),
    status: 403,
  },
  {
    name: "image: odd port",
    request: () => img("https://delivery-eu1.bfl.ai:8443/results/a.jpg"),
    status: 403,
  },
  {
    name: "image: encoded dots into a foreign host",
    request: () => img("https://delivery-eu1%2ebfl%2eai.evil.example/a"),
    status: 403,
  },
  {
    name: "image: percent-encoded real host resolves to BFL",
    request: () => img(`https://%64elivery-eu1.bfl.ai/results/a.jpg?se=${future}`),
    status: 200,
  },
  { name: "image: file scheme", request: () => img("file:///etc/passwd"), status: 403 },
  { name: "image: javascript scheme", request: () => img("javascript:alert(1)"), status: 403 },
  { name: "image: protocol-relative", request: () => img("//evil.example/a.jpg"), status: 403 },
  { name: "image: backslash host", request: () => img("https:\\\\evil.example\\a.jpg"), status: 403 },
  {
    name: "image: azure look-alike suffix",
    request: () => img("https://bfldelivery.blob.core.windows.net.evil.example/a"),
    status: 403,
  },
  {
    name: "image: azure look-alike prefix",
    request: () => img("https://evilbfldelivery.blob.core.windows.net/a"),
    status: 403,
  },
  {
    name: "image: an Azure account that merely starts with bfldelivery (anyone can register one)",
    request: () => img("https://bfldeliveryattacker.blob.core.windows.net/results/a.svg"),
    status: 403,
  },
  {
    name: "image: upstream redirect is not followed",
    request: () => img(`https://delivery-eu1.bfl.ai/results/a?se=${future}`),
    status: 502,
    upstream: [302, "", { location: "http://169.254.169.254/" }],
  },
  {
    name: "path: encoded slash traversal",
    request: () => req("POST", "/v1/..%2fget_result", { body: "{}" }),
    status: 404,
  },
  {
    name: "path: encoded slash in model",
    request: () => req("POST", "/v1/flux-2-pro%2f..%2fcredits", { body: "{}" }),
    status: 404,
  },
  { name: "path: credits is not exposed", request: () => req("GET", "/v1/credits"), status: 404 },
  { name: "path: upper-case model", request: () => post("/v1/FLUX-2-PRO", { prompt: "x" }), status: 404 },
  { name: "path: __proto__ model", request: () => post("/v1/__proto__", { prompt: "x" }), status: 404 },
  { name: "path: constructor model", request: () => post("/v1/constructor", { prompt: "x" }), status: 404 },
  {
    name: "path: basePath prefix look-alike",
    request: () => new Request("https://app.example/api/fluxx/v1/flux-2-pro", { method: "POST", body: "{}" }),
    status: 404,
  },
  {
    name: "path: outside basePath",
    request: () => new Request("https://app.example/v1/flux-2-pro", { method: "POST", body: "{}" }),
    status: 404,
  },
  {
    name: "body: __proto__ key",
    request: () => post("/v1/flux-2-pro", '{"prompt":"x","__proto__":{"polluted":true}}'),
    status: 200,
  },
  {
    name: "body: constructor.prototype key",
    request: () => post("/v1/flux-2-pro", '{"prompt":"x","constructor":{"prototype":{"polluted":true}}}'),
    status: 200,
  },
  { name: "body: malformed JSON", request: () => post("/v1/flux-2-pro", '{"prompt":'), status: 400 },
  { name: "body: JSON null", request: () => post("/v1/flux-2-pro", "null"), status: 400 },
  {
    name: "body: invalid UTF-8",
    request: () => req("POST", "/v1/flux-2-pro", { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }),
    status: 400,
  },
  {
    name: "method: PUT on a model",
    request: () => req("PUT", "/v1/flux-2-pro", { body: "{}" }),
    status: 405,
  },
  { name: "method: DELETE on get_result", request: () => req("DELETE", "/v1/get_result?id=a"), status: 405 },
  {
    name: "method: POST on get_result",
    request: () => req("POST", "/v1/get_result?id=a", { body: "{}" }),
    status: 405,
  },
  {
    name: "origin: foreign browser origin",
    request: () => post("/v1/flux-2-pro", { prompt: "x" }, { origin: "https://evil.example" }),
    status: 403,
  },
  {
    name: "poll: CRLF in id",
    request: () => req("GET", "/v1/get_result?id=a%0d%0aHost:%20evil.example"),
    status: 422,
  },
  {
    name: "poll: overlong id",
    request: () => req("GET", `/v1/get_result?id=${"a".repeat(500)}`),
    status: 422,
  },
  {
    name: "poll: forged token for a foreign host",
    request: () =>
      req("GET", `/v1/get_result?id=a&t=${Buffer.from("https://evil.example").toString("base64url")}.AAAA`),
    status: 400,
  },
  {
    name: "upstream: error body echoing the key is redacted",
    request: () => req("GET", "/v1/get_result?id=a"),
    status: 403,
    upstream: [403, JSON.stringify({ detail: `bad key ${TEST_KEY}` })],
  },
  {
    name: "upstream: submit redirect is not followed",
    request: () => post("/v1/flux-2-pro", { prompt: "x" }),
    status: 502,
    upstream: [307, "", { location: "https://evil.example/v1/flux-2-pro" }],
  },
  {
    name: "upstream: Set-Cookie is not returned",
    request: () => req("GET", "/v1/get_result?id=a"),
    status: 200,
    upstream: [200, '{"id":"a","status":"Pending"}', { "set-cookie": "bfl=1" }],
  },
];
