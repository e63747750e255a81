import { useEffect, useState } from 'react';
import { LANGUAGES, config } from './config';

// Per-browser choices of language and dark mode, kept in localStorage.
const LANGUAGE_KEY = 'omnicrm.language';
const DARK_MODE_KEY = 'omnicrm.darkMode';

export function storedLanguage() {
  const code = localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGES.some((language) => language.code === code) ? code : config.defaultLanguage;
}

export function applyLanguage(code) {
  const language = LANGUAGES.find((entry) => entry.code === code);
  document.documentElement.lang = language.htmlLang;
}

export function storedDarkMode() {
  return localStorage.getItem(DARK_MODE_KEY) === 'true';
}

export function applyDarkMode(enabled) {
  document.documentElement.dataset.theme = enabled ? 'dark' : 'light';
}

export function useLanguage() {
  const [language, setLanguage] = useState(storedLanguage);
  useEffect(() => {
    localStorage.setItem(LANGUAGE_KEY, language);
    applyLanguage(language);
  }, [language]);
  return [language, setLanguage];
}

export function useDarkMode() {
  const [darkMode, setDarkMode] = useState(storedDarkMode);
  useEffect(() => {
    localStorage.setItem(DARK_MODE_KEY, String(darkMode));
    applyDarkMode(darkMode);
  }, [darkMode]);
  return [darkMode, setDarkMode];
}
