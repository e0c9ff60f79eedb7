/** The user's language, from the store's ui slice, and the translate function every panel uses. */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { translate, type Locale, type MessageKey } from '../i18n/messages';
import { useAtlas } from '../state/AtlasProvider';

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useAtlas((s) => s.ui.locale);
  const setLocale = useAtlas((s) => s.ui.setLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const t = useCallback((key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params), [locale]);
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
