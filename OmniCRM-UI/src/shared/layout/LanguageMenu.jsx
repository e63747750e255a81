import { LANGUAGES } from '../config';
import { useLanguage } from '../preferences';

export default function LanguageMenu() {
  const [language, setLanguage] = useLanguage();
  return (
    <select
      className="language-menu"
      aria-label="Language"
      value={language}
      onChange={(event) => setLanguage(event.target.value)}
    >
      {LANGUAGES.map(({ code, name }) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </select>
  );
}
