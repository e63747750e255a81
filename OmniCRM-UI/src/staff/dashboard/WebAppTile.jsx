export default function WebAppTile({ app }) {
  return (
    <a className="panel tile" href={app.url} target="_blank" rel="noopener noreferrer">
      {app.iconPath ? (
        <img className="tile__icon" src={`/${app.iconPath}`} alt="" />
      ) : (
        <span className="tile__initial">{app.name.charAt(0)}</span>
      )}
      <span className="tile__name">{app.name}</span>
    </a>
  );
}
