import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";

const BODY = { prompt: "a fox" };
const NOT_AN_OBJECT = "Input should be a valid dictionary or object to extract fields from";

describe("FastAPI body parsing (docs/bfl-api.md Part II §10)", () => {
  it("parses application/json and +json types, with parameters", async () => {
    const api = await loopback();
    for (const contentType of [
      "application/json",
      "application/json; charset=utf-8",
      "application/vnd.x+json",
    ]) {
      expect((await api.submit("flux-2-pro", BODY, { contentType })).status, contentType).toBe(200);
    }
  });

  it("keeps a text/plain or form body as bytes: 422, no task, no charge", async () => {
    const api = await loopback({ credits: 100 });
    for (const contentType of ["text/plain;charset=UTF-8", "application/x-www-form-urlencoded"]) {
      const res = await api.submit("flux-2-pro", BODY, { contentType });
      expect(res.status, contentType).toBe(422);
      expect(res.body).toEqual({
        detail: [
          { type: "model_attributes_type", loc: ["body"], msg: NOT_AN_OBJECT, input: '{"prompt":"a fox"}' },
        ],
      });
    }
    expect(api.server.mock.tasks).toHaveLength(0);
    expect(api.server.mock.getCredits()).toBe(100);
  });

  it("still checks the key first for a bytes body, as FastAPI's dependencies do", async () => {
    const api = await loopback();
    const res = await api.submit("flux-2-pro", BODY, { contentType: "text/plain", key: null });
    expect([res.status, res.body]).toEqual([403, { detail: "Not authenticated" }]);
  });

  it("parses a body without Content-Type by default (FastAPI < 0.132)", async () => {
    const api = await loopback();
    expect((await api.submit("flux-2-pro", BODY, { contentType: null })).status).toBe(200);
  });

  it("rejects a body without Content-Type with strictContentType (FastAPI >= 0.132)", async () => {
    const api = await loopback({ strictContentType: true, credits: 100 });
    const res = await api.submit("flux-2-pro", BODY, { contentType: null });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ detail: [{ type: "model_attributes_type", loc: ["body"] }] });
    expect(api.server.mock.getCredits()).toBe(100);
    expect((await api.submit("flux-2-pro", BODY)).status).toBe(200);
  });

  it("answers malformed JSON with json_invalid at Python's position, even without a key", async () => {
    const api = await loopback({ credits: 100 });
    const cases: [string, number, string][] = [
      ["{not json", 1, "Expecting property name enclosed in double quotes"],
      ['{"prompt": "a"', 14, "Expecting ',' delimiter"],
      ['{"prompt" "a"}', 10, "Expecting ':' delimiter"],
      ['{"prompt": }', 11, "Expecting value"],
      ['{"prompt": "a"} x', 16, "Extra data"],
      ['{"prompt": "a', 11, "Unterminated string starting at"],
    ];
    for (const [text, pos, error] of cases) {
      const res = await api.submit("flux-2-pro", text, { key: null });
      expect([res.status, res.body], text).toEqual([
        422,
        {
          detail: [
            { type: "json_invalid", loc: ["body", pos], msg: "JSON decode error", input: {}, ctx: { error } },
          ],
        },
      ]);
    }
    expect(api.server.mock.tasks).toHaveLength(0);
    expect(api.server.mock.getCredits()).toBe(100);
  });

  it("reports an empty body as missing, after the key check", async () => {
    const api = await loopback();
    const res = await api.submit("flux-2-pro", "");
    expect([res.status, res.body]).toEqual([
      422,
      { detail: [{ type: "missing", loc: ["body"], msg: "Field required", input: null }] },
    ]);
    expect((await api.submit("flux-2-pro", "", { key: null })).status).toBe(403);
  });
});
