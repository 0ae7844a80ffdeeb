/**
 * Where to go after signing in: only a path on this site. Anything else (absolute URLs,
 * protocol-relative `//evil.example`, backslash tricks, control characters, the sign-in
 * page itself) falls back to the home page.
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, 'http://same-origin.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://same-origin.invalid') return fallback;
  if (url.pathname === '/signin' || url.pathname.startsWith('/api/')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
