import Alert from './Alert';

// A refusal of the API: its message, the reason of each field it names, and what `children` add.
export default function ApiErrorAlert({ error, children }) {
  const reasons = Object.entries(error.errors ?? {});
  return (
    <Alert>
      {error.message}
      {reasons.length > 0 && (
        <ul className="alert__list">
          {reasons.map(([field, reason]) => (
            <li key={field}>
              {field}: {reason}
            </li>
          ))}
        </ul>
      )}
      {children}
    </Alert>
  );
}
