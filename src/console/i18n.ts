import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from './api';
import { en } from './locales/en';
import { vi } from './locales/vi';

/** Before login the choice is kept in this browser; after login the user's own preference wins. */
const BROWSER_CHOICE = 'convene.language';

function browserChoice(): Language {
  try {
    return localStorage.getItem(BROWSER_CHOICE) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  try {
    localStorage.setItem(BROWSER_CHOICE, language);
  } catch {
    // Private windows may refuse storage; the language still changes for this page.
  }
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: browserChoice(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
