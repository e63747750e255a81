import { describe, expect, it } from 'vitest';
import { editBody, editValues, needsConfirmation } from './editService';
import { serviceDetail } from './testData';

describe('service edit', () => {
  const active = serviceDetail();
  const inactive = serviceDetail({ service_status: 'Inactive' });

  it('sends only what changed', () => {
    expect(editBody(active, editValues(active))).toEqual({});
    expect(editBody(active, { ...editValues(active), service_name: 'Work phone', auto_renew: true })).toEqual({
      service_name: 'Work phone',
      auto_renew: true,
    });
  });

  it('sends the suspension reason with a suspension', () => {
    const values = { ...editValues(active), service_status: 'Suspended', suspension_reason: 'non_payment' };
    expect(editBody(active, values)).toEqual({ service_status: 'Suspended', suspension_reason: 'non_payment' });
  });

  it('asks before going to Inactive or back from it, and offers to provision again', () => {
    expect(needsConfirmation(active, { ...editValues(active), service_status: 'Inactive' })).toBe(true);
    expect(needsConfirmation(active, { ...editValues(active), service_status: 'Suspended' })).toBe(false);
    const back = { ...editValues(inactive), service_status: 'Active' };
    expect(needsConfirmation(inactive, back)).toBe(true);
    expect(editBody(inactive, back)).toEqual({ service_status: 'Active', reprovision: true });
    expect(editBody(inactive, { ...back, reprovision: false })).toEqual({
      service_status: 'Active',
      reprovision: false,
    });
  });
});
