// Open Location Code ("plus code") encoding, as in the reference implementation
// (https://github.com/google/open-location-code): integer arithmetic, so the result matches the
// API's own codes digit for digit. Only encoding is needed: the API validates codes.
const ALPHABET = '23456789CFGHJMPQRVWX';
const PAIR_LENGTH = 10;
const GRID_LENGTH = 5;
const GRID_ROWS = 5;
const GRID_COLUMNS = 4;
const PAIR_PRECISION = 8000; // 20^3: the integer units of one degree after the pair digits
const LAT_PRECISION = PAIR_PRECISION * GRID_ROWS ** GRID_LENGTH;
const LNG_PRECISION = PAIR_PRECISION * GRID_COLUMNS ** GRID_LENGTH;

// The API's sites carry 11-digit codes: 12 characters with the "+", about 3 m × 3 m.
export const PLUS_CODE_LENGTH = 11;

function toUnits(degrees, precision) {
  // Rounding to 6 decimals first absorbs floating-point noise, as the reference code does.
  return Math.floor(Math.round(degrees * precision * 1e6) / 1e6);
}

// The full code of a point, e.g. encodePlusCode(51.5074, -0.1278) → "9C3XGV4C+XV8".
// `codeLength` is 10 or 11 (the precisions the API accepts).
export function encodePlusCode(latitude, longitude, codeLength = PLUS_CODE_LENGTH) {
  let latUnits = toUnits(Math.min(Math.max(latitude, -90), 90) + 90, LAT_PRECISION);
  let lngUnits = toUnits((((longitude + 180) % 360) + 360) % 360, LNG_PRECISION);
  // The north pole belongs to the last row of cells.
  latUnits = Math.min(latUnits, 180 * LAT_PRECISION - 1);

  const digits = [];
  for (let i = 0; i < GRID_LENGTH; i += 1) {
    digits.unshift(ALPHABET[(latUnits % GRID_ROWS) * GRID_COLUMNS + (lngUnits % GRID_COLUMNS)]);
    latUnits = Math.floor(latUnits / GRID_ROWS);
    lngUnits = Math.floor(lngUnits / GRID_COLUMNS);
  }
  for (let i = 0; i < PAIR_LENGTH / 2; i += 1) {
    digits.unshift(ALPHABET[latUnits % 20], ALPHABET[lngUnits % 20]);
    latUnits = Math.floor(latUnits / 20);
    lngUnits = Math.floor(lngUnits / 20);
  }
  const code = digits.slice(0, codeLength).join('');
  return `${code.slice(0, 8)}+${code.slice(8)}`;
}

// Latitude and longitude typed into a form, as numbers; null unless both are valid.
export function parseLocation(latitude, longitude) {
  const read = (text, limit) => {
    const value = String(text ?? '').trim() === '' ? NaN : Number(text);
    return Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
  };
  const lat = read(latitude, 90);
  const lng = read(longitude, 180);
  return lat === null || lng === null ? null : { latitude: lat, longitude: lng };
}
