import { Link } from 'react-router-dom';
import ProfileForm from '../../shared/account/ProfileForm';
import TwoFactorCard from '../../shared/account/TwoFactorCard';
import { isCustomerUser, useSession } from '../../shared/session';
import Page from '../../shared/ui/Page';

// My account: personal details, password and, for staff, two-factor authentication.
export default function ProfilePage() {
  const session = useSession();
  const userId = session.user?.id;
  return (
    <Page title="My account">
      <div className="stack">
        <ProfileForm />
        <section className="panel card" aria-labelledby="password-title">
          <h2 id="password-title">Password</h2>
          <p className="card__text">Change the password you sign in with.</p>
          <Link className="button button--outline" to="/change-password">
            Change password
          </Link>
        </section>
        {userId && !isCustomerUser(session) && <TwoFactorCard userId={userId} />}
      </div>
    </Page>
  );
}
