/** Signs and checks delivery URLs like BFL's Azure SAS links: `se=` expiry, `sig=` HMAC over path and params. */
export class DeliverySigner {
  private key: Promise<CryptoKey> | undefined;

  constructor(private readonly secret: string) {}

  private cryptoKey(): Promise<CryptoKey> {
    this.key ??= crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(this.secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    return this.key;
  }

  private static payload(path: string, se: string, rsct: string): Uint8Array<ArrayBuffer> {
    return new TextEncoder().encode(`r\n${se}\n${path}\n2024-11-04\nb\n${rsct}`);
  }

  /** Returns `sig` for a path, expiry (ISO, second precision) and content type. */
  async sign(path: string, se: string, rsct: string): Promise<string> {
    const mac = await crypto.subtle.sign(
      "HMAC",
      await this.cryptoKey(),
      DeliverySigner.payload(path, se, rsct),
    );
    return toBase64(new Uint8Array(mac));
  }

  async verify(path: string, se: string, rsct: string, sig: string): Promise<boolean> {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = fromBase64(sig);
    } catch {
      return false;
    }
    return crypto.subtle.verify(
      "HMAC",
      await this.cryptoKey(),
      bytes,
      DeliverySigner.payload(path, se, rsct),
    );
  }
}

/** ISO 8601 to the second, as Azure writes `se` (e.g. `2025-11-27T14:41:06Z`). */
export function sasTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
