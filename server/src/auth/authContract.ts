import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthStore } from './Auth.ts';

export interface AuthHarness {
  store: AuthStore;
  /** Closes the store and opens the same data again, as a restarted relay would. */
  reopen(): Promise<AuthStore>;
  cleanup(): Promise<void>;
}

/** The contract every auth backend passes; each backend's test calls it with a factory. */
export function describeAuthContract(name: string, factory: () => Promise<AuthHarness>) {
  describe(`Auth contract: ${name}`, () => {
    let h: AuthHarness;
    beforeEach(async () => {
      h = await factory();
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('resolves a fresh token to its map and role', async () => {
      const link = await h.store.createLink('map1', 'editor');
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await h.store.resolve(link.token)).toEqual({
        mapId: 'map1',
        role: 'editor',
        linkId: link.id,
      });
    });

    it('grants every share role, the commenter among them, also as a public role', async () => {
      for (const role of ['editor', 'commenter', 'viewer'] as const) {
        const link = await h.store.createLink('map1', role);
        expect((await h.store.resolve(link.token))?.role).toBe(role);
      }
      await h.store.setPublicRole('map1', 'commenter');
      expect(await (await h.reopen()).publicRole('map1')).toBe('commenter');
    });

    it('mints distinct tokens and ids, and never lists tokens', async () => {
      const a = await h.store.createLink('map1', 'viewer');
      const b = await h.store.createLink('map1', 'viewer');
      expect(a.token).not.toBe(b.token);
      expect(a.id).not.toBe(b.id);
      const listed = await h.store.listLinks('map1');
      expect(listed.map((l) => l.id).sort()).toEqual([a.id, b.id].sort());
      expect(JSON.stringify(listed)).not.toContain(a.token);
      expect(listed[0]).not.toHaveProperty('token');
    });

    it('refuses unknown, malformed and revoked tokens', async () => {
      const link = await h.store.createLink('map1', 'editor');
      expect(await h.store.resolve('x'.repeat(43))).toBeNull();
      expect(await h.store.resolve('')).toBeNull();
      expect(await h.store.resolve(`${link.token}'; DROP TABLE share_links; --`)).toBeNull();
      expect(await h.store.revokeLink('map1', link.id)).toBe(true);
      expect(await h.store.resolve(link.token)).toBeNull();
      const [info] = await h.store.listLinks('map1');
      expect(info?.revokedAt).toBeTypeOf('number');
    });

    it('keeps whom a link was handed to, across a restart', async () => {
      const named = await h.store.createLink('map1', 'editor', 'Ada Lovelace');
      const plain = await h.store.createLink('map1', 'viewer');
      expect(named.label).toBe('Ada Lovelace');
      const listed = await (await h.reopen()).listLinks('map1');
      // Links made in the same millisecond list in id order, so compare by id.
      const labels = new Map(listed.map((l) => [l.id, l.label]));
      expect(labels).toEqual(
        new Map([
          [named.id, 'Ada Lovelace'],
          [plain.id, null],
        ]),
      );
    });

    it("cannot revoke another map's link", async () => {
      const link = await h.store.createLink('map1', 'editor');
      expect(await h.store.revokeLink('map2', link.id)).toBe(false);
      expect(await h.store.resolve(link.token)).not.toBeNull();
    });

    it('keeps links across a restart, stored only as hashes', async () => {
      const link = await h.store.createLink('map1', 'owner');
      const reopened = await h.reopen();
      expect(await reopened.resolve(link.token)).toMatchObject({ mapId: 'map1', role: 'owner' });
    });

    it('opens a map to everyone with a role, and closes it again', async () => {
      expect(await h.store.publicRole('map1')).toBeNull();
      await h.store.setPublicRole('map1', 'editor');
      expect(await h.store.publicRole('map1')).toBe('editor');
      expect(await h.store.publicMaps()).toEqual(['map1']);
      await h.store.setPublicRole('map1', 'viewer');
      expect(await (await h.reopen()).publicRole('map1')).toBe('viewer');
      await h.store.setPublicRole('map1', null);
      expect(await h.store.publicMaps()).toEqual([]);
    });

    it("forgets a deleted map's links", async () => {
      const link = await h.store.createLink('map1', 'viewer');
      await h.store.deleteMap('map1');
      expect(await h.store.resolve(link.token)).toBeNull();
      expect(await h.store.listLinks('map1')).toEqual([]);
    });
  });
}
