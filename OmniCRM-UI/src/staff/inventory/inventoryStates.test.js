import { describe, expect, it } from 'vitest';
import { allowedStates, commonAllowedStates, CREATE_STATES, ITEM_STATES, TRANSITIONS } from './inventoryStates';

describe('allowed state transitions (spec 02 §4.1.2)', () => {
  it('has a row for every state and only names known states', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ITEM_STATES].sort());
    Object.values(TRANSITIONS)
      .flat()
      .forEach((state) => expect(ITEM_STATES).toContain(state));
  });

  it('lets every non-terminal state move to Lost and Stolen', () => {
    ITEM_STATES.filter((state) => state !== 'Decommissioned').forEach((state) => {
      expect(allowedStates(state)).toContain('Lost');
      expect(allowedStates(state)).toContain('Stolen');
    });
  });

  it('keeps Decommissioned terminal', () => {
    expect(allowedStates('Decommissioned')).toEqual(['Decommissioned']);
  });

  it.each([
    ['New', 'Assigned', true],
    ['New', 'In Transit', false],
    ['In Transit', 'In Stock', true],
    ['In Transit', 'Assigned', false],
    ['Assigned', 'Used', true],
    ['Assigned', 'New', false],
    ['Assigned', 'In Stock', false],
    ['Used', 'New', true],
    ['Used', 'Assigned', false],
    ['Damaged', 'New', true],
    ['Damaged', 'In Stock', false],
    ['Lost', 'In Stock', true],
    ['Lost', 'New', false],
    ['Stolen', 'Lost', true],
    ['Stolen', 'Used', false],
    ['Out of Service', 'Assigned', false],
    ['Internal Use', 'New', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(allowedStates(from).includes(to)).toBe(allowed);
  });

  it('offers the current state (a no-op) with its moves, in the catalogue order', () => {
    expect(allowedStates('Stolen')).toEqual(['In Stock', 'Lost', 'Stolen', 'Decommissioned']);
    expect(allowedStates('In Transit')).toEqual(['New', 'In Transit', 'In Stock', 'Damaged', 'Lost', 'Stolen']);
  });

  it('offers in bulk only the states every selected item may take, never Assigned', () => {
    expect(commonAllowedStates(['New', 'Assigned'])).toEqual([
      'Used',
      'Damaged',
      'Out of Service',
      'Lost',
      'Stolen',
      'Decommissioned',
    ]);
    expect(commonAllowedStates(['Decommissioned', 'New'])).toEqual(['Decommissioned']);
    expect(commonAllowedStates(['Decommissioned', 'In Transit'])).toEqual([]);
    expect(commonAllowedStates([])).toEqual([]);
  });

  it('does not let a new item start Assigned', () => {
    expect(CREATE_STATES).not.toContain('Assigned');
    expect(CREATE_STATES).toContain('New');
  });
});
