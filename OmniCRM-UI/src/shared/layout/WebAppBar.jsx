import { config } from '../config';

// Quick links to the operator's other web apps (REACT_APP_WEB_APP_N_*), opened in new tabs.
export default function WebAppBar() {
  if (config.webApps.length === 0) return null;
  return (
    <nav className="webapp-bar" aria-label="Web apps">
      {config.webApps.map((app) => (
        <a
          key={app.url}
          className="webapp-bar__link"
          href={app.url}
          target="_blank"
          rel="noopener noreferrer"
          title={app.name}
        >
          {app.iconPath ? (
            <img src={`/${app.iconPath}`} alt={app.name} />
          ) : (
            <span className="webapp-bar__initial">{app.name.charAt(0)}</span>
          )}
        </a>
      ))}
    </nav>
  );
}
