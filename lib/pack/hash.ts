// SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. Web Crypto is
// there in Node 20, in pages and in the service worker alike, so the pack code
// needs no hashing library and no Node built-in.
const encoder = new TextEncoder();

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  const bytes = new Uint8Array(digest);
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex;
}
