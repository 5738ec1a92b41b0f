import { unzlibSync } from "fflate";
import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { encodeJpeg } from "./encodeJpeg";
import { encodePng } from "./encodePng";
import { readImageSize } from "./imageSize";
import { renderImage } from "./renderImage";

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe("images", () => {
  it("renders visibly different pictures per prompt, identical per prompt + seed", () => {
    const a = renderImage(96, 64, "a castle at dawn", 1);
    expect(renderImage(96, 64, "a castle at dawn", 1).data).toEqual(a.data);
    const b = renderImage(96, 64, "a forest in fog", 1);
    let total = 0;
    for (let i = 0; i < a.data.length; i += 4) {
      for (let c = 0; c < 3; c++) total += Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0));
    }
    // mean absolute difference per channel: clearly visible, not noise
    expect(total / ((a.data.length / 4) * 3)).toBeGreaterThan(20);
  });

  it("encodes a PNG with valid chunk CRCs that round-trips the pixels", () => {
    const img = renderImage(33, 17, "x", 2);
    const png = encodePng(img);
    const view = new DataView(png.buffer, png.byteOffset);
    const length = view.getUint32(33);
    const raw = unzlibSync(png.slice(41, 41 + length));
    // undo the Sub filter of the first row and compare with the source pixels
    const row = raw.slice(1, 1 + 33 * 3);
    for (let i = 3; i < row.length; i++) row[i] = ((row[i] ?? 0) + (row[i - 3] ?? 0)) & 0xff;
    const firstRow = [...img.data.slice(0, 33 * 4)].filter((_, i) => i % 4 !== 3);
    expect([...row]).toEqual(firstRow);
    expect(readImageSize(toBase64(png))).toEqual({ width: 33, height: 17 });
  });

  it("encodes a decodable JPEG, also where Buffer does not exist (browsers)", () => {
    const img = renderImage(40, 24, "y", 3);
    const scope = globalThis as { Buffer?: unknown };
    const saved = scope.Buffer;
    delete scope.Buffer;
    let bytes: Uint8Array;
    try {
      bytes = encodeJpeg(img, 80);
    } finally {
      scope.Buffer = saved;
    }
    expect(bytes).toBeInstanceOf(Uint8Array);
    const decoded = jpeg.decode(bytes, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([40, 24]);
    expect(readImageSize(`data:image/jpeg;base64,${toBase64(bytes)}`)).toEqual({ width: 40, height: 24 });
  });

  it("cannot size URLs or garbage", () => {
    expect(readImageSize("https://example.com/a.png")).toBeUndefined();
    expect(readImageSize("not base64 at all!")).toBeUndefined();
    expect(readImageSize(btoa("GIF89a....."))).toBeUndefined();
  });
});
