import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useContext, useEffect, useState } from 'react';
import { api, ApiError, Language, onSessionEnded, User } from './api';
import { applyLanguage } from './i18n';

interface LoginInput {
  email: string;
  password: string;
}

interface SessionValue {
  user: User | null;
  loading: boolean;
  /** The session ended while the user was working: the shell shows the login dialog over the page. */
  expired: boolean;
  login: (input: LoginInput) => Promise<User>;
  logout: () => Promise<void>;
  setLanguage: (language: Language) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);
export const ME = ['me'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [expired, setExpired] = useState(false);
  const me = useQuery({
    queryKey: ME,
    queryFn: async () => {
      try {
        return await api<User>('GET', '/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
  const user = me.data ?? null;
  useEffect(() => onSessionEnded(() => setExpired(true)), []);
  useEffect(() => {
    if (user) applyLanguage(user.language);
  }, [user]);

  const login = useMutation({
    mutationFn: (input: LoginInput) => api<{ user: User }>('POST', '/auth/session', input),
    onSuccess: ({ user: signedIn }) => {
      client.setQueryData(ME, signedIn);
      setExpired(false);
    },
  });
  const logout = useMutation({
    mutationFn: () => api<void>('DELETE', '/auth/session'),
    onSettled: () => {
      client.clear();
      client.setQueryData(ME, null);
    },
  });
  const language = useMutation({
    mutationFn: (value: Language) => api<User>('PATCH', '/auth/me', { language: value }),
    onSuccess: (updated) => client.setQueryData(ME, updated),
  });

  const value: SessionValue = {
    user,
    loading: me.isPending,
    expired: expired && user !== null,
    login: async (input) => (await login.mutateAsync(input)).user,
    logout: () => logout.mutateAsync(),
    setLanguage: async (next) => {
      applyLanguage(next);
      if (user) await language.mutateAsync(next);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
