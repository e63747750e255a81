import Alert from '../../shared/ui/Alert';
import Widgets from '../../shared/ui/Widgets';
import useRecords from '../../shared/useRecords';
import { money } from '../services/display';

// The chart's drawing, in SVG units: bars stand on the base line and the larger one reaches the top
// line; its value is written above each bar and its name under the base line.
const WIDTH = 360;
const HEIGHT = 230;
const TOP = 30;
const BASE = 195;
const BAR_WIDTH = 96;

// The two bars (spec 02 §4.2 "ARPU"): this customer's ARPU, null ("N/A") when it has no service, and
// the system average.
export function arpuBars({ arpu, system_arpu: systemArpu, service_count: serviceCount }) {
  return [
    { key: 'customer', label: 'This customer', value: serviceCount > 0 ? Number(arpu) : null },
    { key: 'system', label: 'System average', value: Number(systemArpu) },
  ];
}

// The height of each value's bar when the largest is `full` high (all 0 when none is above 0).
export function barHeights(values, full) {
  const largest = Math.max(0, ...values.map((value) => value ?? 0));
  return values.map((value) => (largest > 0 && value > 0 ? (value / largest) * full : 0));
}

const shown = (value) => (value === null ? 'N/A' : money(value));

// A bar chart drawn with plain SVG.
export function ArpuChart({ bars }) {
  const heights = barHeights(
    bars.map((bar) => bar.value),
    BASE - TOP,
  );
  const slot = WIDTH / bars.length;
  const summary = bars.map((bar) => `${bar.label}: ${shown(bar.value)}`).join(', ');
  return (
    <svg className="arpu-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`ARPU. ${summary}`}>
      {bars.map((bar, index) => {
        const middle = slot * index + slot / 2;
        const top = BASE - heights[index];
        return (
          <g key={bar.key} className={`arpu-chart__bar arpu-chart__bar--${bar.key}`}>
            <rect
              x={middle - BAR_WIDTH / 2}
              y={top}
              width={BAR_WIDTH}
              height={heights[index]}
              data-testid={`arpu-bar-${bar.key}`}
            />
            <text className="arpu-chart__value" x={middle} y={top - 8} textAnchor="middle">
              {shown(bar.value)}
            </text>
            <text className="arpu-chart__label" x={middle} y={HEIGHT - 10} textAnchor="middle">
              {bar.label}
            </text>
          </g>
        );
      })}
      <line className="arpu-chart__base" x1={0} x2={WIDTH} y1={BASE} y2={BASE} />
    </svg>
  );
}

// Revenue, services and ARPU of the customer as summary cards, and the ARPU chart against the
// system average.
export default function ArpuPanel({ customerId }) {
  const { records: arpu, error } = useRecords(`/crm/customer/customer_id/${customerId}/arpu`);
  const [customerBar] = arpu ? arpuBars(arpu) : [];
  return (
    <>
      {error && <Alert>Could not load the revenue: {error}</Alert>}
      {arpu && (
        <>
          <Widgets
            label="Revenue"
            items={[
              { key: 'revenue', label: 'Revenue', value: money(arpu.revenue) },
              { key: 'services', label: 'Services', value: arpu.service_count },
              { key: 'arpu', label: 'ARPU', value: shown(customerBar.value) },
            ]}
          />
          <section className="panel card" aria-labelledby="customer-arpu-heading">
            <h2 className="card__title" id="customer-arpu-heading">
              ARPU: this customer vs system average
            </h2>
            <ArpuChart bars={arpuBars(arpu)} />
          </section>
        </>
      )}
    </>
  );
}
