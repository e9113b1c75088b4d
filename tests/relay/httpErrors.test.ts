import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';

/** Requests that are the caller's fault get a 4xx with a plain message, never a stack. */
describe('HTTP requests the relay cannot make sense of', () => {
  let relay: RelayProcess;
  beforeAll(async () => {
    relay = await newRelay({ env: { WARRANT_CLIENT_DIST: join(tmpdir(), 'warrant-no-client') } });
  });
  afterAll(async () => {
    await relay?.dispose();
  });

  const noStack = (text: string) => {
    expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules|\.ts:\d+/);
  };

  it('an API path with a malformed percent-encoding is a 400, not a 500', async () => {
    const res = await relay.fetch('/api/maps/%E0');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(/percent-encoding/);
    noStack(JSON.stringify(body));
  });

  it('a body declared as gzip that is not gzip is a 400', async () => {
    const res = await relay.fetch('/api/maps', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{"title":"not compressed"}',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toMatch(/decompress/);
    noStack(text);
    expect(
      relay.records('API request failed').length + relay.records('page request failed').length,
    ).toBe(0);
  });

  it('a page path with a malformed percent-encoding gets a short answer', async () => {
    const res = await relay.fetch('/%E0%A4%A');
    expect(res.status).toBeLessThan(500);
    noStack(await res.text());
    expect((await relay.fetch('/healthz')).ok).toBe(true);
  });
});
