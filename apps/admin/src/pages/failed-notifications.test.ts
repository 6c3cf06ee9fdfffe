import { describe, expect, it } from 'vitest';
import { failedNotificationList } from '@trygg/contracts';
import { nb, nn } from '../i18n';
import { isPublicRoute, matchRoute, paths } from '../router';
import { failedNotificationsApiPath, isAdmin, recipientText } from './FailedNotificationsPage';

const me = (roles: { role: 'staff' | 'leader' | 'principal' | 'owner' | 'admin'; schoolId: string | null; ownerId: string | null }[]) => ({
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Ada Admin',
  email: 'ada@example.test',
  kind: 'operator' as const,
  roles,
});

describe('failed notifications page', () => {
  it('has its own signed-in address, paged by ?side=', () => {
    expect(matchRoute('/varsler-som-feilet', '')).toMatchObject({ name: 'failedNotifications' });
    expect(isPublicRoute(matchRoute('/varsler-som-feilet', ''))).toBe(false);
    expect(paths.failedNotifications()).toBe('/varsler-som-feilet');
    expect(paths.failedNotifications(3)).toBe('/varsler-som-feilet?side=3');
  });

  it('asks the API for the page in the address, and page 1 for anything else', () => {
    expect(failedNotificationsApiPath(new URLSearchParams('side=3'))).toBe('/api/admin/failed-notifications?page=3&pageSize=25');
    for (const junk of ['side=0', 'side=-2', 'side=1.5', 'side=x', ''])
      expect(failedNotificationsApiPath(new URLSearchParams(junk))).toBe('/api/admin/failed-notifications?page=1&pageSize=25');
  });

  it('is in the navigation for admins only', () => {
    expect(isAdmin(me([{ role: 'admin', schoolId: null, ownerId: null }]))).toBe(true);
    expect(isAdmin(me([{ role: 'principal', schoolId: '11111111-1111-4111-8111-111111111111', ownerId: null }]))).toBe(false);
    expect(isAdmin(me([]))).toBe(false);
  });

  it('names the recipient with the roles that made them one', () => {
    expect(recipientText(nb, { name: 'Per Rektor', roles: ['principal'] })).toBe(`Per Rektor (${nb.rolePrincipal})`);
    expect(recipientText(nb, { name: 'Per Rektor', roles: [] })).toBe('Per Rektor');
  });

  it('reads what the API answers', () => {
    const parsed = failedNotificationList.safeParse({
      items: [
        {
          id: 'n1',
          kind: 'new_report',
          step: 'new',
          schoolName: 'Bjørk skole',
          caseNumber: '2026-0001',
          recipient: { name: 'Per Rektor', roles: ['principal'] },
          attempts: 1,
          lastError: '550 <[adresse]>: no such user',
          failedAt: '2026-04-13T07:05:00.000Z',
          sendAfter: '2026-04-13T07:00:00.000Z',
        },
      ],
      page: 1,
      pageSize: 25,
      total: 1,
    });
    expect(parsed.success).toBe(true);
  });

  it('is called what the admins call it, in both languages', () => {
    expect(nb.failedTitle).toBe('Varsler som ikke kom fram');
    expect(nn.failedTitle).toBe('Varsel som ikkje kom fram');
    expect(nb.navFailedNotifications).toBe(nb.failedTitle);
    expect(nn.navFailedNotifications).toBe(nn.failedTitle);
  });
});
