const REDACTED = "[redacted]";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The stretches of base64 that encode `secret` wherever it sits in a longer encoded text: one per alignment
 * (offset 0, 1 or 2 bytes into a 3-byte group), without the edge characters that also depend on the
 * neighbouring bytes. Standard and URL-safe alphabets.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = toBase64(padded).replace(/=+$/, "");
    // characters fully determined by the secret's own bytes
    const start = offset === 0 ? 0 : Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length >= 8) {
      forms.add(core);
      forms.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...forms];
}

/** One character of the secret as it may be written: itself, percent-encoded, or as a JSON/JS escape. */
function charForms(char: string): string {
  const code = char.charCodeAt(0);
  const hex = code.toString(16).padStart(2, "0");
  const u = code.toString(16).padStart(4, "0");
  return `(?:${escapeRegExp(char)}|%${hex}|\\\\u${u}|\\\\x${hex})`;
}

/**
 * A function that removes `secret` from text in every form an upstream might echo it in: verbatim, JSON-escaped
 * (`\u0061…`), percent-encoded (`%61…`, any mix, any case), and base64 or base64url at any alignment. Texts
 * without a trace of it are returned as they are, after one regular-expression test.
 */
export function createRedactor(secret: string): (text: string) => string {
  if (secret === "") return (text) => text;
  const spelled = Array.from(secret, (c) => (c.charCodeAt(0) < 0x80 ? charForms(c) : escapeRegExp(c))).join(
    "",
  );
  const alternatives = [spelled, ...base64Forms(secret).map(escapeRegExp)];
  const pattern = new RegExp(alternatives.join("|"), "gi");
  return (text) => {
    pattern.lastIndex = 0;
    if (!pattern.test(text)) return text;
    pattern.lastIndex = 0;
    return text.replace(pattern, REDACTED);
  };
}
