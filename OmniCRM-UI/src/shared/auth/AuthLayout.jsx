import { logos } from '../branding';
import { config } from '../config';
import { useDocumentTitle } from '../ui/Page';

// The branded frame shared by the login, 2FA, forgot- and reset-password screens.
export default function AuthLayout({ title, children }) {
  useDocumentTitle(title);
  return (
    <main className="auth auth-one-bg">
      <div className="auth__brand">
        <img className="auth__logo" src={logos.light} alt={config.companyName} />
        {config.tagline && <p className="auth__tagline">{config.tagline}</p>}
      </div>
      <div className="auth__card">
        <h1 className="auth__title">{title}</h1>
        {children}
      </div>
    </main>
  );
}
