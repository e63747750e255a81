import { ApiError, api } from '../../../shared/api';

// CGRateS through the audited proxy (spec 04 §22): the account of a service is its service_uuid.

const NOT_FOUND = /(^|: )NOT_FOUND$/;

// One JSON-RPC call for `service` with `args` as its one parameter: the result; when CGRateS
// answers NOT_FOUND, `notFound` if given; any other error of CGRateS is thrown with its text.
export async function ocsCall(service, method, args, options = {}) {
  const { data } = await api.post('/crm/ocs/proxy', {
    method,
    params: [args],
    customer_id: service.customer_id,
    service_id: service.service_id,
  });
  if (data.error === null || data.error === undefined) return data.result;
  if ('notFound' in options && NOT_FOUND.test(data.error)) return options.notFound;
  throw new ApiError({ status: 200, message: `CGRateS: ${data.error}`, errors: {} });
}

const choices = (values) => [['', 'Choose a type'], ...values.map((value) => [value, value])];
const lines = (text) =>
  String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export const ATTRIBUTE_TYPES = ['*constant', '*variable', '*composed', '*usage_difference', '*sum', '*value_exponent'];
export const FILTER_TYPES = [
  '*string',
  '*prefix',
  '*suffix',
  '*empty',
  '*exists',
  '*notexists',
  '*timings',
  '*destinations',
  '*rsr',
  '*gt',
  '*gte',
  '*lt',
  '*lte',
];
// Filter types that test the element alone, with no values.
const VALUELESS_TYPES = ['*empty', '*exists', '*notexists'];

// A CGRateS profile of a service edited as rows of three inputs: its key field (`keyField`), the
// Type (one of `types`) and the values, one a line (`valuesField`). The kind says what the profile
// is (`idOf`, the get and set methods), its rows' inputs (`fields`, see RowsEditor), the rows of a
// loaded profile (null = none), each row's problems by field, and the whole profile sent back.
// `itemsOf(profile)` are its items, `valuesOf(item)` an item's values, `valuesNeeded(type)` whether
// a row of that type needs a value, and `profileOf(id, rows)` builds the profile from rows of
// {key field, Type, values (a list)}.
function profileKind(kind) {
  const { title, itemLabel, idPrefix, method, keyField, types, valuesField, valuesLabel } = kind;
  const { itemsOf, valuesOf, valuesNeeded, profileOf } = kind;
  return {
    title,
    itemLabel,
    idOf: (service) => `${idPrefix}_${service.service_uuid}`,
    getMethod: `APIerSv1.Get${method}`,
    setMethod: `APIerSv1.Set${method}`,
    fields: [
      { key: keyField, label: keyField },
      { key: 'Type', label: 'Type', options: choices(types) },
      { key: valuesField, label: `${valuesLabel} (one a line)`, multiline: true },
    ],
    newRow: () => ({ [keyField]: '', Type: '', [valuesField]: '' }),
    rowsOf: (profile) =>
      (profile ? itemsOf(profile) ?? [] : []).map((item) => ({
        [keyField]: item[keyField] ?? '',
        Type: item.Type ?? '',
        [valuesField]: (valuesOf(item) ?? []).join('\n'),
      })),
    problemsOf: (row) => ({
      [keyField]: !row[keyField].trim() && `${keyField} is required`,
      Type: !row.Type && 'Type is required',
      [valuesField]: valuesNeeded(row.Type) && lines(row[valuesField]).length === 0 && `${row.Type} needs a value`,
    }),
    profileOf: (id, rows) =>
      profileOf(
        id,
        rows.map((row) => ({ [keyField]: row[keyField].trim(), Type: row.Type, values: lines(row[valuesField]) })),
      ),
  };
}

// The attribute profile of the account (Path and Type required).
export const ATTRIBUTES = profileKind({
  title: 'Attributes',
  itemLabel: 'Attribute',
  idPrefix: 'ATTR_ACCOUNT',
  method: 'AttributeProfile',
  keyField: 'Path',
  types: ATTRIBUTE_TYPES,
  valuesField: 'Value',
  valuesLabel: 'Value rules',
  itemsOf: (profile) => profile.Attributes,
  valuesOf: (attribute) => attribute.Value?.map((value) => value.Rules),
  valuesNeeded: () => false,
  profileOf: (id, rows) => ({
    ID: id,
    Contexts: ['*any'],
    FilterIDs: [],
    Attributes: rows.map(({ Path, Type, values }) => ({ Path, Type, Value: values.map((rule) => ({ Rules: rule })) })),
    Weight: 10,
  }),
});

// The filter of the account (Element and Type required, values too except for the types that
// test the element alone).
export const FILTERS = profileKind({
  title: 'Filters',
  itemLabel: 'Rule',
  idPrefix: 'FLTR_ACCOUNT',
  method: 'Filter',
  keyField: 'Element',
  types: FILTER_TYPES,
  valuesField: 'Values',
  valuesLabel: 'Values',
  itemsOf: (filter) => filter.Rules,
  valuesOf: (rule) => rule.Values,
  valuesNeeded: (type) => Boolean(type) && !VALUELESS_TYPES.includes(type),
  profileOf: (id, rows) => ({ ID: id, Rules: rows.map(({ Element, Type, values }) => ({ Type, Element, Values: values })) }),
});

// The rows' problems, keyed "index.field"; empty when they may be sent.
export function rowProblems(kind, rows) {
  const problems = {};
  rows.forEach((row, index) => {
    Object.entries(kind.problemsOf(row)).forEach(([field, reason]) => {
      if (reason) problems[`${index}.${field}`] = reason;
    });
  });
  return problems;
}

// How a row's value reads in the table: its lines side by side.
export const cellText = (text) => lines(text).join(', ') || '—';

// The filter of the service's active sessions: the ones of its account.
export const sessionFilters = (service) => [`*string:~*req.Account:${service.service_uuid}`];

// A session's Usage (a Go duration, in nanoseconds) in seconds; anything else as it came.
export function usageSeconds(usage) {
  const number = Number(usage);
  if (usage === null || usage === undefined || !Number.isFinite(number)) return usage ?? '—';
  return `${Math.round((number / 1e9) * 100) / 100} s`;
}
