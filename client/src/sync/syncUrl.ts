/** The relay's y-websocket endpoint on the page's own origin: `ws(s)://<host>/sync`. */
export function syncUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/sync`;
}
