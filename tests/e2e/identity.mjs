// Test data through the API: users created with the config admin key, then their own sessions.

// Calls the API and returns the parsed body; any status other than `expect` throws.
export async function callApi(baseUrl, method, path, { body, token, apiKey, expect = 200 } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (apiKey) headers['X-API-KEY'] = apiKey;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expect) {
    throw new Error(`${method} ${path} answered ${response.status}, expected ${expect}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

// A user created by an admin must change the temporary password at first login; this does it
// through the API so the user is ready to log in with `password`. Returns the /auth/users record.
export async function createUser(product, { role, email, password, firstName, lastName }) {
  const temporaryPassword = 'Temp!Passw0rd1';
  const user = await callApi(product.baseUrl, 'POST', '/auth/users', {
    apiKey: product.apiKey,
    expect: 201,
    body: {
      username: email.split('@')[0],
      email,
      password: temporaryPassword,
      first_name: firstName,
      last_name: lastName,
      role,
    },
  });
  const login = await logIn(product, email, temporaryPassword);
  await callApi(product.baseUrl, 'POST', '/auth/change_password', {
    token: login.token,
    body: { new_password: password },
  });
  return user;
}

export function logIn(product, email, password) {
  return callApi(product.baseUrl, 'POST', '/crm/auth/login', { body: { email, password } });
}
