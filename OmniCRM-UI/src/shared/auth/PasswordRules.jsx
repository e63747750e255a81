import { PASSWORD_RULES } from './passwordPolicy';

// The policy as a checklist that ticks itself while the user types.
export default function PasswordRules({ password }) {
  return (
    <ul className="password-rules" aria-label="Password requirements">
      {PASSWORD_RULES.map((rule) => {
        const met = rule.test(password);
        return (
          <li key={rule.label} className={met ? 'password-rules__rule--met' : undefined}>
            <span aria-hidden="true">{met ? '✓' : '•'}</span> {rule.label}
            <span className="visually-hidden">{met ? ' (met)' : ' (missing)'}</span>
          </li>
        );
      })}
    </ul>
  );
}
