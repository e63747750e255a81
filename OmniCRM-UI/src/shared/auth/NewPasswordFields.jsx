import PasswordInput from './PasswordInput';
import PasswordRules from './PasswordRules';

// "New password" and "Confirm password" with the policy checklist and a mismatch hint.
export default function NewPasswordFields({ idPrefix, password, confirmation, onPassword, onConfirmation, label = 'New password' }) {
  const mismatch = confirmation !== '' && password !== confirmation;
  return (
    <>
      <PasswordInput
        id={`${idPrefix}-new`}
        label={label}
        value={password}
        onChange={onPassword}
        autoComplete="new-password"
      />
      <PasswordRules password={password} />
      <PasswordInput
        id={`${idPrefix}-confirm`}
        label="Confirm password"
        value={confirmation}
        onChange={onConfirmation}
        autoComplete="new-password"
      />
      {mismatch && <p className="field__error">Passwords do not match</p>}
    </>
  );
}
