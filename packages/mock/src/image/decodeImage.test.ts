import { describe, expect, it } from "vitest";
import { decodeImage, resizeImage } from "./decodeImage";
import { encodeJpeg } from "./encodeJpeg";
import { encodePng } from "./encodePng";
import { renderImage } from "./renderImage";

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe("decodeImage (the tools' inputs)", () => {
  it("round-trips the mock's own PNGs pixel for pixel", () => {
    const image = renderImage(37, 21, "a", 1);
    const decoded = decodeImage(`data:image/png;base64,${base64(encodePng(image))}`);
    expect(decoded).toEqual({ width: 37, height: 21, data: image.data });
  });

  it("decodes a JPEG to about the same pixels", () => {
    const image = renderImage(32, 32, "b", 2);
    const decoded = decodeImage(base64(encodeJpeg(image, 95)));
    expect([decoded?.width, decoded?.height]).toEqual([32, 32]);
    expect(Math.abs((decoded?.data[0] ?? 0) - (image.data[0] ?? 0))).toBeLessThan(16);
  });

  it("gives up on URLs and garbage, and resizes by nearest neighbour", () => {
    expect(decodeImage("https://images.example/a.png")).toBeUndefined();
    expect(decodeImage(btoa("GIF89a"))).toBeUndefined();
    const big = resizeImage(renderImage(2, 1, "c", 3), 4, 2);
    expect([...big.data.slice(0, 4)]).toEqual([...big.data.slice(4, 8)]);
    expect(big.width * big.height).toBe(8);
  });
});
