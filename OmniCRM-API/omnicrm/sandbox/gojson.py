"""How a Go server (CGRateS) reads and writes JSON, so the OCS simulator refuses and answers what CGRateS would.

- Decoding follows `encoding/json` into a struct: keys match field names exactly or case-insensitively, unknown
  keys are ignored, `null` leaves the zero value, and a wrong JSON type is an error worded as Go words it
  (`json: cannot unmarshal string into Go struct field AttrAddBalance.Value of type float64`).
- Encoding writes whole floats without `.0`, times as RFC 3339 with nanoseconds trimmed (`0001-01-01T00:00:00Z`
  for the zero time), and escapes `<`, `>`, `&` like Go's encoder.
- Durations and times are parsed as CGRateS parses them (`utils.ParseTimeDetectLayout`, `time.ParseDuration`).
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

ZERO_TIME = datetime(1, 1, 1, tzinfo=UTC)

# A field type is one of these strings, or ("struct", name, fields) / ("[]struct", name, fields).
STRING, FLOAT, INT, BOOL, ANY = "string", "float64", "int", "bool", "interface {}"
STRINGS, FLOATS = "[]string", "[]float64"
BOOL_MAP, ANY_MAP, STRING_MAP = "map[string]bool", "map[string]interface {}", "map[string]string"
INT_PTR, FLOAT_PTR = "*int", "*float64"
Schema = dict[str, Any]


class GoJSONError(ValueError):
    """A decoding error, worded as Go's encoding/json words it."""


def zero_value(kind: Any) -> Any:
    if kind == STRING:
        return ""
    if kind in (FLOAT, INT):
        return 0
    if kind == BOOL:
        return False
    if isinstance(kind, tuple) and kind[0] == "struct":
        return {name: zero_value(sub) for name, sub in kind[2].items()}
    return None  # slices, maps, pointers, interfaces


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _type_name(kind: Any) -> str:
    """The Go type named in an error; a pointer field reports its element type, as encoding/json does."""
    if isinstance(kind, tuple):
        return ("[]*" if kind[0] == "[]struct" else "") + kind[1].split(".")[-1]
    return kind.lstrip("*")


def decode_struct(raw: Any, type_name: str, schema: Schema) -> dict[str, Any]:
    """Decode the first JSON-RPC parameter into a struct of `schema` (`type_name` like `utils.AttrGetAccount`)."""
    if raw is None:
        return zero_value(("struct", type_name, schema))
    if not isinstance(raw, dict):
        raise GoJSONError(f"json: cannot unmarshal {_json_kind(raw)} into Go value of type {type_name}")
    return _decode_object(raw, type_name.split(".")[-1], schema, [])


def decode_value(raw: Any, kind: str) -> Any:
    """Decode a parameter that is a plain Go value (e.g. `*string` for APIerSv1.GetActions)."""
    if raw is None:
        return zero_value(kind)
    return _decode(raw, kind, "", [], top=True)


def _decode_object(raw: dict[str, Any], struct: str, schema: Schema, path: list[str]) -> dict[str, Any]:
    out = {name: zero_value(kind) for name, kind in schema.items()}
    folded = {name.casefold(): name for name in schema}
    for key, value in raw.items():
        name = key if key in schema else folded.get(key.casefold())
        if name is None:
            continue  # unknown keys are ignored, as in Go
        if value is None:
            continue
        out[name] = _decode(value, schema[name], struct, [*path, name])
    return out


def _decode(value: Any, kind: Any, struct: str, path: list[str], top: bool = False) -> Any:
    def fail(detail: str = "") -> GoJSONError:
        what = _json_kind(value) + (f" {detail}" if detail else "")
        if top:
            return GoJSONError(f"json: cannot unmarshal {what} into Go value of type {_type_name(kind)}")
        return GoJSONError(
            f"json: cannot unmarshal {what} into Go struct field {struct}.{'.'.join(path)} of type {_type_name(kind)}"
        )

    if isinstance(kind, tuple):
        container, name, fields = kind
        if container == "struct":
            if not isinstance(value, dict):
                raise fail()
            return _decode_object(value, name.split(".")[-1], fields, path)
        if not isinstance(value, list):
            raise fail()
        return [None if item is None else _decode(item, ("struct", name, fields), struct, path) for item in value]
    if kind == STRING:
        if not isinstance(value, str):
            raise fail()
        return value
    if kind in (FLOAT, INT, INT_PTR, FLOAT_PTR):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail()
        if kind in (INT, INT_PTR):
            if isinstance(value, float) and not value.is_integer():
                raise fail(_go_number(value))
            return int(value)
        return float(value)
    if kind == BOOL:
        if not isinstance(value, bool):
            raise fail()
        return value
    if kind in (STRINGS, FLOATS):
        if not isinstance(value, list):
            raise fail()
        item_kind = STRING if kind == STRINGS else FLOAT
        return [zero_value(item_kind) if item is None else _decode(item, item_kind, struct, path) for item in value]
    if kind in (BOOL_MAP, ANY_MAP, STRING_MAP):
        if not isinstance(value, dict):
            raise fail()
        if kind == ANY_MAP:
            return dict(value)
        item_kind = BOOL if kind == BOOL_MAP else STRING
        return {
            key: zero_value(item_kind) if item is None else _decode(item, item_kind, struct, path) for key, item in value.items()
        }
    return value  # interface {}


# --- encoding -------------------------------------------------------------------------------------------------


def _go_number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value)


def format_time(moment: datetime | None) -> str:
    """Go's time.Time JSON (RFC 3339 with trimmed nanoseconds); None is the zero time."""
    if moment is None or moment == ZERO_TIME:
        return "0001-01-01T00:00:00Z"
    moment = moment.astimezone(UTC)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}".rstrip("0")
    return text + "Z"


def format_time_rfc3339(moment: datetime | None) -> str:
    """Go's `time.RFC3339` (whole seconds), as in `ExternalCDR.SetupTime`."""
    if moment is None or moment == ZERO_TIME:
        return "0001-01-01T00:00:00Z"
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _prepare(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 1e21 else value
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, dict):
        return {key: _prepare(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_prepare(item) for item in value]
    return value


def dumps(value: Any) -> str:
    """Compact JSON as Go's `json.Encoder` writes it (with the trailing newline)."""
    text = json.dumps(_prepare(value), separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


# --- durations and times ----------------------------------------------------------------------------------------

_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")


def parse_go_duration(text: str) -> timedelta:
    """Go's `time.ParseDuration` ("720h", "1h30m", "-1.5s", "0")."""
    original = text
    sign = 1
    if text[:1] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    if text == "0":
        return timedelta(0)
    if not text:
        raise ValueError(f'time: invalid duration "{original}"')
    seconds = 0.0
    position = 0
    for match in _DURATION_PART.finditer(text):
        if match.start() != position:
            break
        seconds += float(match.group(1)) * _UNITS[match.group(2)]
        position = match.end()
    if position != len(text):
        if not _DURATION_PART.search(text):
            raise ValueError(f'time: missing unit in duration "{original}"')
        raise ValueError(f'time: invalid duration "{original}"')
    return timedelta(seconds=sign * seconds)


def parse_duration_with_nanos(text: str) -> int:
    """CGRateS `utils.ParseDurationWithNanosecs`: a Go duration, or a bare integer meaning nanoseconds."""
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    duration = parse_go_duration(text)
    return (duration.days * 86400 + duration.seconds) * 1_000_000_000 + duration.microseconds * 1000


def _add_months(moment: datetime, months: int) -> datetime:
    """Go's `AddDate(0, months, 0)`: an overflowing day rolls into the next month."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if moment.day <= last:
        return moment.replace(year=year, month=month)
    return moment.replace(year=year, month=month, day=last) + timedelta(days=moment.day - last)


def end_of_month(moment: datetime) -> datetime:
    last = calendar.monthrange(moment.year, moment.month)[1]
    return moment.replace(day=last, hour=23, minute=59, second=59, microsecond=999999)


def parse_time(text: str, now: datetime) -> datetime | None:
    """CGRateS `utils.ParseTimeDetectLayout` (UTC as the default timezone). None is the zero time (never)."""
    text = text.strip()
    if text in ("", "*unlimited", "0"):
        return None
    if text == "*now":
        return now
    if text == "*daily":
        return now + timedelta(days=1)
    if text == "*monthly":
        return _add_months(now, 1)
    if text == "*yearly":
        return _add_months(now, 12)
    if text.startswith("*month_end"):
        extra = text.split("+", 1)[1] if "+" in text else ""
        return end_of_month(now) + (parse_go_duration(extra) if extra else timedelta(0))
    if text.startswith("*mo"):
        extra = text.split("+", 1)[1] if "+" in text else ""
        return _add_months(now, 1) + (parse_go_duration(extra) if extra else timedelta(0))
    if text[0] in "+-":
        return now + parse_go_duration(text)
    if re.fullmatch(r"\d{10}", text):
        return datetime.fromtimestamp(int(text), UTC)
    if re.fullmatch(r"\d{13}", text):
        return datetime.fromtimestamp(int(text) / 1000, UTC)
    if re.fullmatch(r"\d{19}", text):
        return datetime.fromtimestamp(int(text) / 1e9, UTC)
    for layout in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y%m%d%H%M%S"):
        try:
            return datetime.strptime(text, layout).replace(tzinfo=UTC)
        except ValueError:
            pass
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("Unsupported time format") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
