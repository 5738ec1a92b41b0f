import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHmacSha256, sha256 } from "./hmacSha256";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const text = (s: string) => new TextEncoder().encode(s);

describe("createHmacSha256", () => {
  // RFC 4231, the test cases whose data is text (3 and 4 are raw bytes; 5 is about truncation)
  it.each([
    [
      "1",
      new Uint8Array(20).fill(0x0b),
      "Hi There",
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    ],
    [
      "2",
      text("Jefe"),
      "what do ya want for nothing?",
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ],
    [
      "6 (a key longer than a block)",
      new Uint8Array(131).fill(0xaa),
      "Test Using Larger Than Block-Size Key - Hash Key First",
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
    [
      "7 (key and data longer than a block)",
      new Uint8Array(131).fill(0xaa),
      "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ],
  ])("gives RFC 4231 test case %s", (_name, key, data, mac) => {
    expect(hex(createHmacSha256(key)(data))).toBe(mac);
  });

  it("computes node:crypto's bytes for any key and any text (UTF-8, lone surrogates, block edges)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.oneof(
          fc.string({ maxLength: 300, unit: "grapheme" }),
          fc.string({ maxLength: 200, unit: "binary" }),
          fc.nat(200).map((n) => "x".repeat(n)),
        ),
        (key, data) => {
          const mac = createHmacSha256(key);
          const expected = createHmac("sha256", key).update(data).digest("hex");
          expect(hex(mac(data))).toBe(expected);
          // a second use of the same MAC (its pads are reused) gives the same bytes
          expect(hex(mac(data))).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("handles texts longer than its shared buffer", () => {
    const key = text("k");
    for (const length of [5_000, 16_384, 40_000]) {
      const data = "é".repeat(length);
      expect(hex(createHmacSha256(key)(data))).toBe(createHmac("sha256", key).update(data).digest("hex"));
    }
  });

  it("returns a fresh array each time", () => {
    const mac = createHmacSha256(text("k"));
    const first = mac("a");
    const copy = hex(first);
    mac("b");
    expect(hex(first)).toBe(copy);
  });
});

describe("sha256", () => {
  it("hashes like node:crypto at every length around the block edges", () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + length) & 255);
      expect(hex(sha256(bytes))).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });
});
