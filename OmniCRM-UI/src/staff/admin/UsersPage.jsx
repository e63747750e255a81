import { useSearchParams } from 'react-router-dom';
import Page from '../../shared/ui/Page';
import RolesTab from './RolesTab';
import UsersTab from './UsersTab';

const TABS = [
  { id: 'users', label: 'Users' },
  { id: 'roles', label: 'Roles' },
];

// Administration → Users & Roles (spec 02 §7.3, 07 "Staff: main menu"). ?tab=roles opens the
// permission matrix.
export default function UsersPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'roles' ? 'roles' : 'users';
  return (
    <Page title="Users & Roles">
      <div className="tabs tabs--page" role="tablist">
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className="tabs__tab"
            onClick={() => setSearchParams(id === 'users' ? {} : { tab: id })}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'users' ? <UsersTab /> : <RolesTab />}
    </Page>
  );
}
