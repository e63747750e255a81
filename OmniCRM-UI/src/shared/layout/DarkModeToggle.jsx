import { useDarkMode } from '../preferences';
import { MoonIcon, SunIcon } from '../ui/icons';

export default function DarkModeToggle() {
  const [darkMode, setDarkMode] = useDarkMode();
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Dark mode"
      aria-pressed={darkMode}
      onClick={() => setDarkMode(!darkMode)}
    >
      {darkMode ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
