import { Link } from 'react-router-dom';
import ProfileForm from '../shared/account/ProfileForm';
import Page from '../shared/ui/Page';

// Self-care has no 2FA section (spec 01 §5.2.5).
export default function ProfilePage() {
  return (
    <Page title="Profile">
      <div className="stack">
        <ProfileForm />
        <section className="panel card" aria-labelledby="password-title">
          <h2 id="password-title">Password</h2>
          <p className="card__text">Change the password you sign in with.</p>
          <Link className="button button--outline" to="/change-password">
            Change password
          </Link>
        </section>
      </div>
    </Page>
  );
}
