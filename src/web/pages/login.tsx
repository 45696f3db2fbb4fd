import { Layout } from './layout.js';

export function LoginPage(props: { csrf: string; next: string; error?: string; name?: string }) {
  return (
    <Layout title="Log in">
      <h1>Log in</h1>
      {props.error && <p class="err">{props.error}</p>}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <label for="user">User</label>
        <input id="user" name="user" autocomplete="username" required value={props.name ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p>
          <button type="submit">Log in</button>
        </p>
      </form>
      <p class="mut">
        No account? An admin creates one on the monitoring host:{' '}
        <code>ronde users add NAME --role operator</code>
      </p>
    </Layout>
  );
}
