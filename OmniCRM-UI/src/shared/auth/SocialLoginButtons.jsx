import { useState } from 'react';

const PROVIDERS = ['Google', 'Apple', 'Facebook'];

// Shown when REACT_APP_ALLOW_SOCIAL_LOGINS=yes; the providers have no backend yet (spec 02 §4.7.10).
export default function SocialLoginButtons() {
  const [notice, setNotice] = useState('');
  return (
    <div className="social-logins">
      {PROVIDERS.map((provider) => (
        <button
          key={provider}
          type="button"
          className="button button--outline"
          onClick={() => setNotice(`Sign in with ${provider} is coming soon.`)}
        >
          Sign in with {provider}
        </button>
      ))}
      {notice && (
        <p className="social-logins__notice" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
