import { describe, expect, it } from 'vitest';
import {
  can,
  endImpersonation,
  getSession,
  mustChangePassword,
  saveSession,
  setMustChangePassword,
  startImpersonation,
} from './session';

const session = (roles, permissions) => ({ roles, permissions, user: null });

describe('can', () => {
  it('grants a permission the session holds and refuses one it does not', () => {
    const support = session(['Support'], ['view_customer', 'view_provision']);
    expect(can('view_customer', support)).toBe(true);
    expect(can('create_customer', support)).toBe(false);
    expect(can('admin', support)).toBe(false);
  });

  it('grants everything to the admin permission and to the Admin role, in any case', () => {
    expect(can('delete_customer', session([], ['admin']))).toBe(true);
    expect(can('delete_customer', session(['Admin'], []))).toBe(true);
    expect(can('delete_customer', session(['ADMIN'], []))).toBe(true);
    expect(can('VIEW_CBC_MESSAGE', session([], ['view_cbc_message']))).toBe(true);
  });

  it('grants nothing to a signed-out visitor', () => {
    expect(can('view_customer')).toBe(false);
  });

  it('reads the stored login body by default', () => {
    saveSession({ token: 't', refresh_token: 'r', user: { id: 3 }, roles: ['Admin'], permissions: [] });
    expect(can('create_product')).toBe(true);
  });
});

describe('session storage', () => {
  it('keeps the same snapshot object until something is written', () => {
    saveSession({ token: 't', refresh_token: 'r', user: { id: 3 }, roles: [], permissions: ['x'] });
    const first = getSession();
    expect(getSession()).toBe(first);
    setMustChangePassword(true);
    expect(getSession()).not.toBe(first);
    expect(mustChangePassword()).toBe(true);
    expect(getSession().permissions).toEqual(['x']);
  });

  it('puts the staff session aside while impersonating and brings it back', () => {
    saveSession({
      token: 'staff-token',
      refresh_token: 'staff-refresh',
      user: { id: 1, first_name: 'Sam' },
      roles: ['Admin'],
      permissions: ['admin'],
      landing: '/customers',
    });
    startImpersonation({ token: 'target-token', refresh_token: 'target-refresh', user: { id: 9 }, roles: ['Customer'] });
    expect(getSession()).toMatchObject({
      token: 'target-token',
      user: { id: 9 },
      permissions: [],
      impersonator: { user: { id: 1, first_name: 'Sam' }, roles: ['Admin'] },
    });
    expect(can('view_customer')).toBe(false);

    endImpersonation({ token: 'staff-token-2', refresh_token: 'staff-refresh-2' });
    expect(getSession()).toMatchObject({
      token: 'staff-token-2',
      user: { id: 1 },
      roles: ['Admin'],
      landing: '/customers',
      impersonator: null,
    });
    expect(localStorage.getItem('omnicrm.refresh_token')).toBe('staff-refresh-2');
  });
});
