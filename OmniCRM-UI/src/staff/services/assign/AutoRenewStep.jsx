// The auto-renew question of a product whose auto_renew is "prompt" (spec 04 §18.4).
export default function AutoRenewStep({ onAnswer }) {
  return (
    <section className="panel card" aria-label="Auto-renew">
      <p className="card__text">
        Enable auto-renew for this service? When enabled the service renews at the end of each billing period and
        charges the default payment method.
      </p>
      <div className="card__actions">
        <button type="button" className="button button--outline" onClick={() => onAnswer(false)}>
          No
        </button>
        <button type="button" className="button button--primary" onClick={() => onAnswer(true)}>
          Yes
        </button>
      </div>
    </section>
  );
}
