import { InboxIcon } from './icons';

export default function EmptyState({ title, children, action }) {
  return (
    <div className="panel empty-state">
      <span className="empty-state__icon">
        <InboxIcon size={40} />
      </span>
      <h2 className="empty-state__title">{title}</h2>
      {children && <p className="empty-state__text">{children}</p>}
      {action}
    </div>
  );
}
