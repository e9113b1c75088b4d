import { describe, expect, it } from 'vitest';
import {
  ApiResponseError,
  createdMapResponseSchema,
  decodeApiResponse,
  linkListResponseSchema,
} from './api.ts';

const created = {
  id: 'abc',
  title: 'Seminar',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  syncPath: '/sync/abc',
  role: 'owner',
  ownerToken: 't0k3n',
};

describe('API response schemas', () => {
  it('refuse a renamed or an extra field, even in an extended shape', () => {
    expect(createdMapResponseSchema.parse(created)).toEqual(created);
    const { ownerToken, ...rest } = created;
    expect(() => createdMapResponseSchema.parse({ ...rest, token: ownerToken })).toThrow();
    expect(() => createdMapResponseSchema.parse({ ...created, sample: true })).toThrow();
  });

  it('decode an answer, or say what did not match and what to do', () => {
    expect(decodeApiResponse(linkListResponseSchema, { links: [] }, 'Listing links')).toEqual({
      links: [],
    });
    const bad = () => decodeApiResponse(linkListResponseSchema, { links: [{}] }, 'Listing links');
    expect(bad).toThrow(ApiResponseError);
    expect(bad).toThrow(/^Listing links failed: .*links\.0\.id: .*Reload the page/);
  });
});
