import { useState } from 'react';
import { logos } from '../shared/branding';
import { config } from '../shared/config';
import { formatMoney } from '../shared/format';
import { PortalNameContext, useDocumentTitle } from '../shared/ui/Page';
import { MAX_TOP_UP_DAYS, MIN_TOP_UP_DAYS, formatTopUpPrice } from './pricing';

function TopUpCard() {
  const [days, setDays] = useState(MIN_TOP_UP_DAYS);
  useDocumentTitle('Top up');
  return (
    <main className="topup">
      <div className="panel topup__card">
        <img className="topup__logo" src={logos.dark} alt={config.companyName} />
        <h1>Top up your service</h1>
        <p className="topup__hint">
          Add days of service at {formatMoney(config.topUpPricePerDay, config)} per day.
        </p>
        <div className="field">
          <label htmlFor="topup-days">Days of service</label>
          <input
            id="topup-days"
            type="range"
            min={MIN_TOP_UP_DAYS}
            max={MAX_TOP_UP_DAYS}
            value={days}
            onChange={(event) => setDays(Number(event.target.value))}
          />
        </div>
        <p className="topup__summary">
          <span>
            {days} {days === 1 ? 'day' : 'days'}
          </span>
          <strong data-testid="topup-total">{formatTopUpPrice(days, config)}</strong>
        </p>
      </div>
    </main>
  );
}

// The public top-up page (spec 05 §C): no login; priced as days × REACT_APP_TOPUP_PRICE_PER_DAY.
export default function TopUpPage() {
  return (
    <PortalNameContext.Provider value={config.companyName}>
      <TopUpCard />
    </PortalNameContext.Provider>
  );
}
