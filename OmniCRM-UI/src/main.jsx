import '@fontsource/quicksand/400.css';
import '@fontsource/quicksand/500.css';
import '@fontsource/quicksand/700.css';
import './shared/styles/theme.css';
import './shared/styles/shell.css';
import './shared/styles/pages.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import App from './App';
import { applyTheme } from './shared/branding';
import { applyDarkMode, applyLanguage, storedDarkMode, storedLanguage } from './shared/preferences';

applyTheme();
applyLanguage(storedLanguage());
applyDarkMode(storedDarkMode());

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
