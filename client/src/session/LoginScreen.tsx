import { createSignal, Show } from 'solid-js';
import { TextField } from '../ui/Field.tsx';
import { requestLogin } from './login-request.ts';
import { deviceId, type Session } from './session.ts';

export interface LoginScreenProps {
  onLogin: (session: Session) => void;
  /** Shown when the device was logged in before and the server asked for a new login. */
  reason?: string;
  username?: string;
  onCancel?: () => void;
}

export function LoginScreen(props: LoginScreenProps) {
  const [username, setUsername] = createSignal(props.username ?? '');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError('');
    const outcome = await requestLogin(username(), password(), undefined, deviceId(window.localStorage));
    setBusy(false);
    if (outcome.ok) props.onLogin(outcome.session);
    else setError(outcome.message);
  };

  return (
    <main class="login" data-testid="login-screen">
      <form class="card login-card" onSubmit={submit} noValidate>
        <h1 class="login-title">
          <img src="./icon.svg" alt="" width="40" height="40" /> Stockroom
        </h1>
        <Show when={props.reason}>
          <p class="notice" data-testid="login-reason">
            {props.reason}
          </p>
        </Show>
        <TextField
          label="Username"
          testId="login-username"
          value={username()}
          onValue={setUsername}
          autocomplete="username"
          autocapitalize="none"
          focus={!props.username}
        />
        <TextField
          label="Password"
          testId="login-password"
          type="password"
          value={password()}
          onValue={setPassword}
          autocomplete="current-password"
          focus={!!props.username}
        />
        <Show when={error()}>
          <p class="form-error" role="alert" data-testid="login-error">
            {error()}
          </p>
        </Show>
        <div class="actions">
          <button class="button primary big" type="submit" data-testid="login-submit" disabled={busy()}>
            {busy() ? 'Logging in…' : 'Log in'}
          </button>
          <Show when={props.onCancel}>
            <button
              class="button"
              type="button"
              data-testid="login-cancel"
              onClick={() => props.onCancel?.()}
            >
              Keep working offline
            </button>
          </Show>
        </div>
      </form>
    </main>
  );
}
