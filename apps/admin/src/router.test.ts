import { describe, expect, it } from 'vitest';
import { isPublicRoute, matchRoute, paths, safeNext } from './router';

describe('routes', () => {
  it('maps the app paths to pages', () => {
    expect(matchRoute('/', '').name).toBe('cases');
    expect(matchRoute('/saker', '?status=reported').name).toBe('cases');
    expect(matchRoute('/saker/5f0c', '')).toEqual({ name: 'case', id: '5f0c' });
    expect(matchRoute('/saker/5f0c/', '')).toEqual({ name: 'case', id: '5f0c' });
    expect(matchRoute('/meld', '')).toEqual({ name: 'report' });
    expect(matchRoute('/mine-tiltak', '')).toEqual({ name: 'myMeasures' });
    expect(paths.myMeasures()).toBe('/mine-tiltak');
    expect(matchRoute('/elevsamtaler', '?halvar=2026-spring')).toMatchObject({ name: 'conversations' });
    expect(paths.conversations(new URLSearchParams({ skole: 's1', halvar: '2026-spring' }))).toBe('/elevsamtaler?skole=s1&halvar=2026-spring');
    expect(paths.conversations()).toBe('/elevsamtaler');
    expect(matchRoute('/kvittering/abcDEF_123-xyz', '')).toEqual({ name: 'acknowledgement', token: 'abcDEF_123-xyz' });
    expect(matchRoute('/e-post', '')).toEqual({ name: 'mailbox' });
    expect(matchRoute('/e-post/1.eml', '')).toEqual({ name: 'mail', file: '1.eml' });
    expect(matchRoute('/logg-inn', '?neste=%2Fsaker%2F1')).toEqual({ name: 'login', next: '/saker/1' });
    expect(matchRoute('/saker/1/x', '').name).toBe('notFound');
    expect(matchRoute('/admin', '').name).toBe('notFound');
  });

  it('follows only our own paths after login', () => {
    expect(safeNext('/saker/1')).toBe('/saker/1');
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('//evil.example/')).toBeNull();
    expect(safeNext('/logg-inn?neste=/x')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });

  it('builds paths that round-trip, with cases addressed by id only', () => {
    expect(matchRoute(paths.case('a b'), '')).toEqual({ name: 'case', id: 'a b' });
    expect(paths.login('/saker?overdue=true')).toBe('/logg-inn?neste=%2Fsaker%3Foverdue%3Dtrue');
    expect(paths.cases(new URLSearchParams({ overdue: 'true' }))).toBe('/saker?overdue=true');
    expect(paths.cases(new URLSearchParams())).toBe('/saker');
  });

  it('needs no session for login, acknowledgement, mailbox and not-found pages', () => {
    expect(isPublicRoute(matchRoute('/kvittering/x', ''))).toBe(true);
    expect(isPublicRoute(matchRoute('/e-post', ''))).toBe(true);
    expect(isPublicRoute(matchRoute('/saker', ''))).toBe(false);
    expect(isPublicRoute(matchRoute('/meld', ''))).toBe(false);
  });
});
