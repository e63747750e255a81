// Inventory templates (spec 02 §2.5): up to 20 labelled item-text fields; 1 and 2 are required.
export const MAX_FIELDS = 20;
export const FIELD_NUMBERS = Array.from({ length: MAX_FIELDS }, (_, index) => index + 1);

export const labelKey = (number) => `itemtext${number}_label`;

// The label of item-text field `number` from a template, or from an item's `itemtext_labels`
// ({itemtext1: "ICCID", …}); "Item Text N" when the field has none.
export function fieldLabel(labels, number) {
  const label = labels?.[labelKey(number)] ?? labels?.[`itemtext${number}`];
  return label && String(label).trim() ? String(label) : `Item Text ${number}`;
}

// How many label rows a template uses: up to its last labelled field, at least 2.
export function labelCount(template) {
  const used = FIELD_NUMBERS.filter((number) => template?.[labelKey(number)]);
  return Math.max(2, ...used);
}

const money = (value) => (value === null || value === undefined ? '' : Number(value).toFixed(2));

export function templateValues(template) {
  const count = labelCount(template);
  return {
    item: template?.item ?? '',
    icon: template?.icon ?? '',
    wholesale_cost: template ? money(template.wholesale_cost) : '0.00',
    retail_cost: template ? money(template.retail_cost) : '0.00',
    labels: template
      ? FIELD_NUMBERS.slice(0, count).map((number) => template[labelKey(number)] ?? '')
      : ['Model Number', 'Serial Number'],
    allow_staff_dropdown: template?.allow_staff_dropdown ?? true,
    allow_customer_dropdown: template?.allow_customer_dropdown ?? false,
  };
}

// All 20 labels go every time: a blank or removed row is null (field unused). Names are exact and
// case-sensitive: only the ends are trimmed.
export function templateBody(values) {
  return {
    item: values.item.trim(),
    icon: values.icon.trim() || null,
    wholesale_cost: values.wholesale_cost.trim(),
    retail_cost: values.retail_cost.trim(),
    ...Object.fromEntries(FIELD_NUMBERS.map((number) => [labelKey(number), values.labels[number - 1]?.trim() || null])),
    allow_staff_dropdown: values.allow_staff_dropdown,
    allow_customer_dropdown: values.allow_customer_dropdown,
  };
}

export function templateProblems(values) {
  const problems = {};
  if (!values.item.trim()) problems.item = 'required';
  for (const field of ['wholesale_cost', 'retail_cost']) {
    const text = values[field].trim();
    if (text === '' || !Number.isFinite(Number(text)) || Number(text) < 0) problems[field] = 'a number of at least 0';
  }
  [1, 2].forEach((number) => {
    if (!values.labels[number - 1]?.trim()) problems[labelKey(number)] = 'required';
  });
  return problems;
}

// Every template, through as many pages as there are (pickers need them all).
export async function loadAllTemplates(api, params = {}) {
  const all = [];
  for (let page = 1; ; page += 1) {
    const { data } = await api.get('/crm/inventory/template/', {
      params: { page, per_page: 100, sort: 'item', order: 'asc', ...params },
    });
    all.push(...data.data);
    if (page >= data.pagination.total_pages) return all;
  }
}
