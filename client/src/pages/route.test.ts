import { describe, expect, it } from 'vitest';
import { assignmentPath, joinPath, mapPath, parseRoute } from './route.ts';

describe('routes', () => {
  it('reads a map id from the path and a token from the fragment only', () => {
    expect(parseRoute({ pathname: '/maps/abc_DEF-1', hash: '#token=s3cret' })).toEqual({
      page: 'map',
      mapId: 'abc_DEF-1',
      token: 's3cret',
    });
    expect(parseRoute({ pathname: '/maps/abc', hash: '' })).toEqual({ page: 'map', mapId: 'abc' });
  });

  it('sends anything else home', () => {
    expect(parseRoute({ pathname: '/', hash: '' })).toEqual({ page: 'home' });
    expect(parseRoute({ pathname: '/maps/../etc', hash: '' })).toEqual({ page: 'home' });
  });

  it('round-trips a share link', () => {
    const url = new URL(mapPath('m1', 'a b'), 'http://x');
    expect(parseRoute(url)).toEqual({ page: 'map', mapId: 'm1', token: 'a b' });
  });

  it('reads the classroom places: a join link, a dashboard, a copy opened for grading', () => {
    expect(parseRoute(new URL(joinPath('as_1'), 'http://x'))).toEqual({
      page: 'join',
      assignmentId: 'as_1',
    });
    expect(parseRoute(new URL(assignmentPath('as_1', 't'), 'http://x'))).toEqual({
      page: 'assignment',
      assignmentId: 'as_1',
      token: 't',
    });
    expect(parseRoute(new URL(mapPath('copy1', 'k y', 'as_1'), 'http://x'))).toEqual({
      page: 'map',
      mapId: 'copy1',
      token: 'k y',
      grading: 'as_1',
    });
    expect(parseRoute({ pathname: '/join/', hash: '' })).toEqual({ page: 'home' });
  });
});
