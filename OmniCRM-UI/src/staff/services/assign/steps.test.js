import { describe, expect, it } from 'vitest';
import { product } from '../../products/testData';
import { businessRequest, catalogueProducts, presetAutoRenew, renewalDate, wizardSteps } from './steps';

const keys = (steps) => steps.map(([key]) => key);

describe('plan assignment steps (spec 04 §18)', () => {
  it('asks for the customer unless given, inventory when needed, auto-renew only for "prompt"', () => {
    expect(keys(wizardSteps({ product: product(), customerGiven: false }))).toEqual([
      'product',
      'customer',
      'inventory',
      'auto_renew',
      'review',
      'progress',
    ]);
    const simple = product({ inventory_items: [], auto_renew: 'true' });
    expect(keys(wizardSteps({ product: simple, customerGiven: true }))).toEqual(['product', 'review', 'progress']);
    expect(keys(wizardSteps({ product: null, customerGiven: true }))).toEqual(['product', 'review', 'progress']);
  });

  it('asks a business customer for its details before the review', () => {
    const simple = product({ inventory_items: [], auto_renew: 'true' });
    expect(keys(wizardSteps({ product: simple, customerGiven: true, business: true }))).toEqual([
      'product',
      'business',
      'review',
      'progress',
    ]);
  });

  it('sends the business details given: site_id, and the contacts and PO number in custom_fields', () => {
    const none = { site_id: '', billing_contact_id: '', technical_contact_id: '', po_number: '  ' };
    expect(businessRequest(none)).toEqual({});
    expect(businessRequest({ ...none, site_id: '31' })).toEqual({ site_id: 31 });
    expect(
      businessRequest({ site_id: '31', billing_contact_id: '41', technical_contact_id: '42', po_number: ' PO-7 ' }),
    ).toEqual({
      site_id: 31,
      custom_fields: { billing_contact_id: 41, technical_contact_id: 42, po_number: 'PO-7' },
    });
    expect(businessRequest({ ...none, technical_contact_id: '42' })).toEqual({
      custom_fields: { technical_contact_id: 42 },
    });
  });

  it('applies auto-renew "true" and "false" without asking', () => {
    expect(presetAutoRenew(product({ auto_renew: 'prompt' }))).toBeNull();
    expect(presetAutoRenew(product({ auto_renew: 'true' }))).toBe(true);
    expect(presetAutoRenew(product({ auto_renew: 'false' }))).toBe(false);
  });

  it('shows the enabled products of the customer type and category', () => {
    const plans = [
      product({ product_id: 1 }),
      product({ product_id: 2, residential: false, business: true }),
      product({ product_id: 3, category: 'addon' }),
      product({ product_id: 4, enabled: false }),
      product({ product_id: 5, category: 'bundle', business: true }),
    ];
    const ids = (filter) => catalogueProducts(plans, filter).map((item) => item.product_id);
    expect(ids({ audience: 'residential', kind: 'plan' })).toEqual([1, 5]);
    expect(ids({ audience: 'business', kind: 'plan' })).toEqual([2, 5]);
    expect(ids({ audience: 'residential', kind: 'addon' })).toEqual([3]);
  });

  it('renews contract_days after today, never for a one-off', () => {
    const today = new Date('2025-01-10T12:00:00Z');
    expect(renewalDate(product({ contract_days: 30 }), today).toISOString()).toBe('2025-02-09T12:00:00.000Z');
    expect(renewalDate(product({ contract_days: 0 }), today)).toBeNull();
  });
});
