import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { Field, problemsByField, useErrorText, useProblemText } from '../fields';
import { useSession } from '../session';

/** `email` prefills the address, as when the session ended under a signed-in user. */
export function LoginForm({ email: knownEmail = '' }: { email?: string }) {
  const { t } = useTranslation();
  const { login } = useSession();
  const problemText = useProblemText();
  const errorText = useErrorText();
  const [email, setEmail] = useState(knownEmail);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problems = problemsByField(error);
  // Wrong credentials belong to no single field; say so under the password, where the eye is.
  const general = error && problems.size === 0 ? errorText(error) : undefined;
  const passwordError = problems.get('password');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ email, password });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form">
      <Field label={t('login.email')} error={problems.get('email') && problemText(problems.get('email')!)}>
        {(props) => (
          <input
            {...props}
            type="email"
            name="email"
            autoComplete="username"
            autoFocus={knownEmail === ''}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('login.password')}
        error={(passwordError && problemText(passwordError)) ?? (error instanceof ApiError ? general : undefined)}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            name="password"
            autoComplete="current-password"
            autoFocus={knownEmail !== ''}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      {general && !(error instanceof ApiError) && (
        <p className="form-error" role="alert">
          {general}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  return (
    <main className="login" id="main">
      <div className="login-card">
        <p className="brand brand-large">{t('app.name')}</p>
        <p className="tagline">{t('app.tagline')}</p>
        <h1>{t('login.title')}</h1>
        <LoginForm />
      </div>
    </main>
  );
}
