import { money } from '../display';

// One product of the catalogue: name, features, setup and recurring cost, terms, and the button
// that picks it.
export default function ProductCard({ product, chooseLabel, onChoose }) {
  const period = Number(product.contract_days) > 0 ? `every ${product.contract_days} days` : 'one-off';
  return (
    <article className="panel card product-card" aria-label={product.product_name}>
      <h3 className="product-card__name">{product.product_name}</h3>
      {product.features.length > 0 && (
        <ul className="product-card__features" aria-label="Features">
          {product.features.map((feature) => (
            <li key={feature}>{feature}</li>
          ))}
        </ul>
      )}
      <dl className="product-card__prices">
        <div>
          <dt>Setup</dt>
          <dd>{money(product.retail_setup_cost)}</dd>
        </div>
        <div>
          <dt>Monthly</dt>
          <dd>
            {money(product.retail_cost)} <span className="table__note">{period}</span>
          </dd>
        </div>
      </dl>
      {product.terms && (
        <details className="collapsible">
          <summary>Terms &amp; conditions</summary>
          <p className="product-card__terms">{product.terms}</p>
        </details>
      )}
      <button type="button" className="button button--primary" onClick={() => onChoose(product)}>
        {chooseLabel}
      </button>
    </article>
  );
}
