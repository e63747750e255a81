import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { getSession, mustChangePassword, saveSession } from '../session';
import AuthLayout from './AuthLayout';
import PasswordStep from './PasswordStep';
import TwoFactorStep from './TwoFactorStep';

// The one login page, shared by staff and customers (spec 02 §4.7.1). After sign-in the
// browser goes to the landing route the API chose for the user's role, else to defaultLanding;
// a user who must change their password goes to the change-password page first.
export default function LoginPage({ portalName, defaultLanding }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [challenge, setChallenge] = useState(null);
  const [cancelMessage, setCancelMessage] = useState('');

  function startSession(session) {
    saveSession({ ...session, landing: session.landing || defaultLanding });
    navigate(mustChangePassword() ? '/change-password' : getSession().landing, { replace: true });
  }

  if (challenge) {
    return (
      <AuthLayout title="Two-factor authentication">
        <TwoFactorStep
          challenge={challenge}
          onSession={startSession}
          onCancel={(message) => {
            setCancelMessage(message);
            setChallenge(null);
          }}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={`Sign in to ${portalName}`}>
      <PasswordStep
        onSession={startSession}
        onChallenge={setChallenge}
        initialError={cancelMessage}
        notice={location.state?.notice}
      />
    </AuthLayout>
  );
}
