import type { View } from '../words.js';
import { Layout } from './layout.js';

export function LoginPage(props: { v: View; csrf: string; next: string; error?: string; name?: string }) {
  const { v } = props;
  return (
    <Layout v={v} title={v.w('login.title')}>
      <h1>{v.w('login.title')}</h1>
      {props.error && <p class="err">{props.error}</p>}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <label for="user">{v.w('login.user')}</label>
        <input id="user" name="user" autocomplete="username" required value={props.name ?? ''} />
        <label for="password">{v.w('login.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{v.w('login.submit')}</button>
        </p>
      </form>
      <p class="mut">
        No account? An admin creates one on the monitoring host:{' '}
        <code>ronde users add NAME --role operator</code>
      </p>
    </Layout>
  );
}
