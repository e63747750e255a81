import Alert from '../../../shared/ui/Alert';
import EmptyState from '../../../shared/ui/EmptyState';
import Tabs from '../../../shared/ui/Tabs';
import ProductCard from './ProductCard';
import { AUDIENCES, catalogueProducts, KINDS } from './steps';

// The catalogue as cards (spec 04 §18.1). With `filter` ({audience, kind}) the Individual /
// Business and Service Plans / Add-ons toggles choose what shows; without, `products` show as they
// came (the add-ons compatible with a service).
export default function ProductCatalogue({
  products,
  error,
  filter,
  onFilter,
  chooseLabel,
  onChoose,
  emptyText,
  emptyHint,
}) {
  if (error) return <Alert>{error}</Alert>;
  if (!products) return <p className="page-loading">Loading the catalogue…</p>;
  const shown = filter ? catalogueProducts(products, filter) : products;
  return (
    <div className="stack">
      {filter && (
        <div className="toolbar">
          <Tabs
            label="Customer type"
            options={AUDIENCES}
            value={filter.audience}
            onChange={(audience) => onFilter({ ...filter, audience })}
          />
          <Tabs
            label="Category"
            options={KINDS}
            value={filter.kind}
            onChange={(kind) => onFilter({ ...filter, kind })}
          />
        </div>
      )}
      {shown.length === 0 ? (
        <EmptyState title={emptyText}>{emptyHint}</EmptyState>
      ) : (
        <div className="product-grid">
          {shown.map((product) => (
            <ProductCard key={product.product_id} product={product} chooseLabel={chooseLabel} onChoose={onChoose} />
          ))}
        </div>
      )}
    </div>
  );
}
