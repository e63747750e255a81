import { useLocation, useNavigate } from 'react-router-dom';
import { can, useSession } from '../session';
import Tabs from './Tabs';

// The section tabs of a record page, each {key, label, permission?}: a tab shows to users holding
// its permission, and the URL hash (`#${hashOf(key)}`) names the open one (the first by default).
// `children(tab)` draws the open tab's panel.
export default function HashTabs({ label, idPrefix, tabs, hashOf = (key) => key, children }) {
  const { hash } = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const shown = tabs.filter((tab) => !tab.permission || can(tab.permission, session));
  const current = shown.find((tab) => `#${hashOf(tab.key)}` === hash) ?? shown[0];
  return (
    <>
      <Tabs
        label={label}
        page
        idPrefix={idPrefix}
        options={shown.map((tab) => [tab.label, tab.key])}
        value={current.key}
        onChange={(key) => navigate({ hash: `#${hashOf(key)}` })}
      />
      <div role="tabpanel" aria-labelledby={`${idPrefix}-${current.key}`}>
        {children(current)}
      </div>
    </>
  );
}
