import { config } from '../../shared/config';
import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';
import GrafanaDashboard from './GrafanaDashboard';
import WebAppTile from './WebAppTile';

// Quick links to web apps and the embedded Grafana dashboards, both from the UI .env.
export default function DashboardPage() {
  const { webApps, grafana } = config;
  const empty = webApps.length === 0 && grafana.dashboards.length === 0;
  return (
    <Page title="Dashboard">
      {empty && (
        <EmptyState title="No dashboards configured">
          Quick links (REACT_APP_WEB_APP_N_NAME and _URL) and Grafana dashboards
          (REACT_APP_GRAFANA_URLS) set in the UI .env appear here.
        </EmptyState>
      )}
      {webApps.length > 0 && (
        <section className="dashboard__section" aria-labelledby="web-apps-heading">
          <h2 id="web-apps-heading">Web apps</h2>
          <div className="tile-grid">
            {webApps.map((app) => (
              <WebAppTile key={app.url} app={app} />
            ))}
          </div>
        </section>
      )}
      {grafana.dashboards.map((dashboard) => (
        <GrafanaDashboard key={dashboard.url} dashboard={dashboard} />
      ))}
    </Page>
  );
}
