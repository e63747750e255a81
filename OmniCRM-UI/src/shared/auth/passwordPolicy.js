// The password policy of spec 07 §14.2, checked in the browser so the user sees what is missing;
// the API enforces it again.
export const PASSWORD_RULES = [
  { label: 'At least 8 characters', test: (password) => password.length >= 8 },
  { label: 'An uppercase letter', test: (password) => /[A-Z]/.test(password) },
  { label: 'A lowercase letter', test: (password) => /[a-z]/.test(password) },
  { label: 'A digit', test: (password) => /\d/.test(password) },
  { label: 'A special character such as !@#$%^&*', test: (password) => /[^A-Za-z0-9\s]/.test(password) },
];

export function meetsPolicy(password) {
  return PASSWORD_RULES.every((rule) => rule.test(password));
}

// The first reason to refuse a new password and its confirmation, or '' when they are fine.
export function newPasswordProblem(password, confirmation) {
  if (!meetsPolicy(password)) return 'The password does not meet the requirements';
  if (password !== confirmation) return 'Passwords do not match';
  return '';
}
