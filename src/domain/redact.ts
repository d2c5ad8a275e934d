/**
 * The one redaction every terminal line, log line and error message goes through: secrets never printed
 * (URL passwords, including ones holding `@` or `/`, wherever they appear: inside a client library's error
 * objects too), control characters never written raw (a file name can carry terminal escape sequences).
 */

const secrets = new Set<string>();

/** Remembers a secret so that `redact` replaces it wherever it appears (3 characters or more). */
export function registerSecret(secret: string | undefined | null): void {
  if (!secret || secret.length < 3) return;
  secrets.add(secret);
  for (const variant of [encodeURIComponent(secret), safeDecode(secret)]) {
    if (variant && variant.length >= 3) secrets.add(variant);
  }
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The userinfo of a URL, read as a person wrote it: everything between `//` and the last `@` before the
 * first space (a password may hold `@` and `/` unencoded; WHATWG parsing would cut it short). */
export function urlUserinfo(url: string): { user: string; password: string } | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(\S*)@/i.exec(url.trim());
  if (!m?.[1]) return null;
  const userinfo = m[1];
  const colon = userinfo.indexOf(":");
  return colon < 0
    ? { user: "", password: userinfo }
    : { user: userinfo.slice(0, colon), password: userinfo.slice(colon + 1) };
}

/** Registers the password (and the whole userinfo) of a connection URL. */
export function registerUrlSecrets(url: string | undefined | null): void {
  if (!url) return;
  const info = urlUserinfo(url);
  if (!info) return;
  registerSecret(info.password);
  registerSecret(`${info.user}:${info.password}`);
}

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s"'<>]*@/gi;

/** Secrets replaced by `***`, and any URL's userinfo too. */
export function redact(text: string): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join("***");
  return out.replace(URL_USERINFO, "$1***@");
}

/** C0 and C1 control characters (and DEL) as visible escapes: `\x1b`, `\n`, `\u009b`. */
export function escapeControl(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    if (c === "\r") return "\\r";
    return code < 0x80
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** A message fit for one line of a terminal or a log: redacted, control characters escaped. */
export function safeLine(text: string): string {
  return escapeControl(redact(text));
}

/** A JSON log line: redacted, and C1 controls (which JSON leaves raw) escaped; JSON stays valid. */
export function safeJsonLine(line: string): string {
  return redact(line).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
