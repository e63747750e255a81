export default function GrafanaDashboard({ dashboard }) {
  return (
    <section className="dashboard__section">
      <h2>{dashboard.label}</h2>
      <iframe className="panel grafana-frame" title={dashboard.label} src={dashboard.url} />
    </section>
  );
}
