import { describe, expect, it } from 'vitest';
import { matchPath } from './router.ts';

describe('matchPath', () => {
  it('extracts and decodes params', () => {
    expect(matchPath('/spools/:id', '/spools/SP%2F1')).toEqual({ id: 'SP/1' });
    expect(matchPath('/reference/:kind/:id', '/reference/people/p1/')).toEqual({ kind: 'people', id: 'p1' });
  });
  it('rejects other shapes', () => {
    expect(matchPath('/spools/:id', '/spools')).toBeNull();
    expect(matchPath('/spools/:id', '/parts/1')).toBeNull();
    expect(matchPath('/spools', '/spools/1')).toBeNull();
  });
});
