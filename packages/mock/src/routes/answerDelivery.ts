import type { MockContext } from "../MockContext";
import { azureError } from "../responses";
import { statusAt } from "../tasks";
import { MIME, type SampleFormat } from "./matchRoute";

const BAD_SIGNATURE =
  "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\nSignature did not match.";

/**
 * `GET /results/<blob>/sample.<ext>?se=…&sig=…`: the image bytes, like BFL's Azure delivery hosts: a bad
 * signature or a past `se` is 403 `AuthenticationFailed`, an unknown blob 404 `BlobNotFound`.
 */
export async function answerDelivery(
  ctx: MockContext,
  url: URL,
  blobId: string,
  ext: SampleFormat,
): Promise<Response> {
  const se = url.searchParams.get("se");
  const sig = url.searchParams.get("sig");
  const rsct = url.searchParams.get("rsct") ?? "";
  const path = `/results/${blobId}/sample.${ext}`;
  if (!se || !sig || !(await ctx.signer.verify(path, se, rsct, sig))) {
    return azureError(403, "AuthenticationFailed", BAD_SIGNATURE);
  }
  const expiry = Date.parse(se);
  const now = ctx.clock.now();
  if (!(expiry > now)) {
    return azureError(
      403,
      "AuthenticationFailed",
      `Server failed to authenticate the request.\nSigned expiry time [${new Date(expiry).toUTCString()}] must be after signed start time [${new Date(now).toUTCString()}]`,
    );
  }
  const task = ctx.tasks.byBlob(blobId);
  if (!task || statusAt(task, now) !== "Ready") {
    return azureError(404, "BlobNotFound", "The specified blob does not exist.");
  }
  const image = ctx.images.get(task);
  const headers: Record<string, string> = {
    "content-type": image.contentType,
    "content-length": String(image.bytes.byteLength),
    etag: `"0x${blobId.slice(0, 15).toUpperCase()}"`,
    "x-ms-blob-type": "BlockBlob",
  };
  if (image.contentType !== MIME[ext]) headers["x-mock-format-fallback"] = image.contentType;
  return new Response(image.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
}
