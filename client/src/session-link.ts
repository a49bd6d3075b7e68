// Links look like /s/<sessionId>#t=<token>&g=<groupId>. The token and the
// group live in the fragment, which the browser never sends to any server,
// so they cannot end up in access logs or Referer headers.

export interface SessionLink {
  sessionId: string;
  token: string | null;
  groupId: string | null;
}

export function parseSessionLink(pathname: string, hash: string): SessionLink | null {
  const match = /^\/s\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (!match) return null;
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { sessionId: match[1] as string, token: params.get('t'), groupId: params.get('g') };
}

export function groupLink(link: string, groupId: string): string {
  const url = new URL(link);
  const params = new URLSearchParams(url.hash.replace(/^#/, ''));
  params.set('g', groupId);
  url.hash = params.toString();
  return url.toString();
}
