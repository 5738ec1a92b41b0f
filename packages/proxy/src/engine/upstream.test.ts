import { errors } from "undici";
import { describe, expect, it } from "vitest";
import { neverSent } from "./upstream";

describe("neverSent: which failures leave no request at BFL (so a submit's slot is given back)", () => {
  it("undici refusing a request's arguments before writing it, alone or as a cause", () => {
    const refused = new errors.InvalidArgumentError("invalid x-key header");
    expect(neverSent(refused)).toBe(true);
    expect(neverSent(new TypeError("fetch failed", { cause: refused }))).toBe(true);
  });

  it("a connection that never opened, but not one that failed once open", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(neverSent(new TypeError("fetch failed", { cause: refused }))).toBe(true);
    expect(neverSent(new errors.SocketError("other side closed"))).toBe(false);
    expect(neverSent(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toBe(false);
    expect(neverSent(new Error("no code"))).toBe(false);
  });
});
