/** Where a person opens the relay, from the address it listens on. */
export function publicUrl(host: string | undefined, port: number): string {
  // Listening on every interface: this machine reaches it as localhost.
  const name = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/** A map's page in the client; the same path as `mapPath` in client/src/pages/route.ts. */
export function mapUrl(base: string, mapId: string): string {
  return `${base}/maps/${encodeURIComponent(mapId)}`;
}

/**
 * The first line a person sees once the relay is up: where to open it and, when there is one,
 * where the sample map is.
 */
export function welcomeLine(base: string, sample: { id: string; title: string } | null): string {
  const open = `Warrant is running: open ${base}`;
  return sample
    ? `${open} — the sample map “${sample.title}” is at ${mapUrl(base, sample.id)}`
    : open;
}
