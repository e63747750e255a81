import { useState } from 'react';
import { api } from '../api';
import Alert from '../ui/Alert';

const MAX_FAILURES = 5;
const MODES = [
  { id: 'authenticator', label: 'Authenticator code' },
  { id: 'recovery', label: 'Recovery code' },
];

// The second login factor (spec 01 §8.1): a 6-digit code that submits itself, or a backup code.
export default function TwoFactorStep({ challenge, onSession, onCancel }) {
  const [mode, setMode] = useState('authenticator');
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [failures, setFailures] = useState(0);
  const [verifying, setVerifying] = useState(false);

  async function verify(value) {
    setError('');
    setVerifying(true);
    try {
      const { data } = await api.post(`/2fa/verify/user/${challenge.userId}`, {
        code: value,
        two_fa_token: challenge.twoFaToken,
      });
      onSession(data);
    } catch (failure) {
      if (failures + 1 >= MAX_FAILURES) {
        onCancel(failure.message);
        return;
      }
      setFailures(failures + 1);
      setError(failure.message);
      setCode('');
      setVerifying(false);
    }
  }

  function handleAuthenticatorInput(event) {
    const digits = event.target.value.replace(/\D/g, '').slice(0, 6);
    setCode(digits);
    if (digits.length === 6) verify(digits);
  }

  function switchMode(nextMode) {
    setMode(nextMode);
    setCode('');
    setError('');
  }

  return (
    <form
      className="form"
      data-testid="two-factor-form"
      onSubmit={(event) => {
        event.preventDefault();
        verify(code);
      }}
    >
      <div className="tabs" role="tablist">
        {MODES.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={mode === id}
            className="tabs__tab"
            onClick={() => switchMode(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {error && <Alert>{error}</Alert>}
      {mode === 'authenticator' ? (
        <div className="field">
          <label htmlFor="two-factor-code">6-digit code from your authenticator app</label>
          <input
            id="two-factor-code"
            className="code-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={handleAuthenticatorInput}
            disabled={verifying}
            autoFocus
          />
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="recovery-code">Recovery code</label>
            <input
              id="recovery-code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              autoComplete="off"
              required
            />
          </div>
          <button type="submit" className="button button--primary button--block" disabled={verifying}>
            Verify
          </button>
        </>
      )}
      <button type="button" className="button button--link" onClick={() => onCancel('')}>
        Cancel
      </button>
    </form>
  );
}
