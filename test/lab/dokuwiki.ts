import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * A real DokuWiki from Debian's `dokuwiki` package (2022-07-31 "Igor"),
 * served by php-fpm on a unix socket behind nginx on 127.0.63.1 and a free
 * port — each with its own config, pid and logs in a temp dir. The code is
 * the installed /usr/share/dokuwiki; the configuration is a copy of
 * /etc/dokuwiki's plus a local.php that enables the remote API (XML-RPC,
 * `lib/exe/xmlrpc.php`) for the group `ronde`; the data (pages, meta, attic)
 * is a temp dir. php-fpm defines DOKU_MAIN_CONF and DOKU_CONF through
 * `auto_prepend_file`, before Debian's inc/preload.php would pick /etc.
 */

export const DOKUWIKI_ADDRESS = '127.0.63.1';
const DOKU = '/usr/share/dokuwiki';
const ETC = '/etc/dokuwiki';
const PHP_FPM = '/usr/sbin/php-fpm8.2';
const NGINX = '/usr/sbin/nginx';
export const INSTALL_HINT = 'apt-get install -y dokuwiki php-fpm php-xml nginx openssl';

/** Users of the lab wiki: `reader` may only read (the one ronde uses), `editor` may write. */
export const READER = { user: 'ronde', password: 'ronde-reads-the-wiki' };
export const EDITOR = { user: 'editor', password: 'editor-writes-the-wiki' };

export interface DokuwikiLab {
  /** `http://127.0.63.1:PORT/` — the wiki's base URL. */
  url: string;
  /** Writes a page's text file directly, as an old page restored from backup would be, dated `mtime`. */
  writePage(id: string, text: string, mtime?: Date): void;
  /** Saves a page through the API as `editor` (`wiki.putPage`), as a person editing it would. */
  putPage(id: string, text: string): Promise<void>;
  /** Calls an XML-RPC method with the given user; returns the raw XML answer. */
  call(method: string, paramsXml: string, who?: { user: string; password: string }): Promise<string>;
  /** The nginx access log (which user asked what). */
  accessLog(): string;
  stop(): Promise<void>;
}

export function requireDokuwiki(): void {
  for (const f of [`${DOKU}/lib/exe/xmlrpc.php`, `${ETC}/dokuwiki.php`, PHP_FPM, NGINX])
    if (!existsSync(f)) throw new Error(`${f} not found; install the DokuWiki lab: ${INSTALL_HINT}`);
}

function freePort(address: string): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, address, () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** Page id `services:mattermost` → its file under the data dir's `pages/`. */
const pageFile = (data: string, id: string) => join(data, 'pages', ...id.split(':')) + '.txt';

export async function startDokuwikiLab(address = DOKUWIKI_ADDRESS): Promise<DokuwikiLab> {
  requireDokuwiki();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'ronde-dokuwiki-'));
  const conf = join(dir, 'conf');
  const data = join(dir, 'data');
  mkdirSync(conf);
  // What DokuWiki's init wants under savedir (inc/init.php init_paths); attic and meta keep history.
  for (const d of [
    'pages',
    'meta',
    'attic',
    'media',
    'media_meta',
    'media_attic',
    'cache',
    'index',
    'locks',
    'tmp',
    'log',
  ])
    mkdirSync(join(data, d), { recursive: true });
  // Debian's defaults, without its links to /var/lib (acl and users are the lab's own).
  for (const f of readdirSync(ETC))
    if (lstatSync(join(ETC, f)).isFile() && !f.startsWith('.')) copyFileSync(join(ETC, f), join(conf, f));
  const hash = (pw: string) => execFileSync('openssl', ['passwd', '-6', pw], { encoding: 'utf8' }).trim();
  writeFileSync(
    join(conf, 'local.php'),
    [
      '<?php',
      `$conf['savedir'] = '${data}';`,
      "$conf['title'] = 'ronde lab wiki';",
      "$conf['useacl'] = 1;",
      "$conf['authtype'] = 'authplain';",
      "$conf['superuser'] = '@admin';",
      // The remote API is off by default; only the group ronde and editors may use it.
      "$conf['remote'] = 1;",
      "$conf['remoteuser'] = '@ronde,@editors';",
      "$conf['userewrite'] = 0;",
      "$conf['lang'] = 'en';",
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(conf, 'users.auth.php'),
    [
      '# login:passwordhash:Real Name:email:groups',
      `${READER.user}:${hash(READER.password)}:ronde:ronde@example.org:user,ronde`,
      `${EDITOR.user}:${hash(EDITOR.password)}:Editor:editor@example.org:user,editors`,
      '',
    ].join('\n'),
  );
  // Nothing for anonymous visitors; users read; editors edit.
  writeFileSync(join(conf, 'acl.auth.php'), '*\t@ALL\t0\n*\t@user\t1\n*\t@editors\t8\n');
  writeFileSync(join(conf, 'plugins.local.php'), '<?php\n');
  writeFileSync(
    join(dir, 'prepend.php'),
    `<?php\ndefine('DOKU_MAIN_CONF', '${conf}/');\ndefine('DOKU_CONF', '${conf}/');\n`,
  );

  const socket = join(dir, 'php.sock');
  writeFileSync(
    join(dir, 'php-fpm.conf'),
    [
      '[global]',
      `pid = ${join(dir, 'php-fpm.pid')}`,
      `error_log = ${join(dir, 'php-fpm.log')}`,
      'daemonize = no',
      '[lab]',
      ...(root ? ['user = root', 'group = root'] : []),
      `listen = ${socket}`,
      'listen.mode = 0600',
      'pm = static',
      'pm.max_children = 2',
      'catch_workers_output = yes',
      `php_admin_value[auto_prepend_file] = ${join(dir, 'prepend.php')}`,
      `php_admin_value[error_log] = ${join(dir, 'php-errors.log')}`,
      `php_admin_value[session.save_path] = ${join(data, 'tmp')}`,
      'php_admin_flag[log_errors] = on',
      '',
    ].join('\n'),
  );
  const port = await freePort(address);
  for (const t of ['body', 'fastcgi', 'proxy', 'uwsgi', 'scgi']) mkdirSync(join(dir, t));
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      ...(root ? ['user root root;'] : []),
      'worker_processes 1;',
      'daemon off;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'nginx-error.log')} warn;`,
      'events { worker_connections 64; }',
      'http {',
      `  access_log ${join(dir, 'access.log')};`,
      ...['body', 'fastcgi', 'proxy', 'uwsgi', 'scgi'].map(
        (t) => `  ${t === 'body' ? 'client_body' : t}_temp_path ${join(dir, t)};`,
      ),
      '  server {',
      `    listen ${address}:${port};`,
      `    root ${DOKU};`,
      '    index doku.php;',
      '    location ~ \\.php$ {',
      '      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;',
      '      fastcgi_param SCRIPT_NAME $fastcgi_script_name;',
      '      fastcgi_param REQUEST_URI $request_uri;',
      '      fastcgi_param DOCUMENT_ROOT $document_root;',
      '      fastcgi_param QUERY_STRING $query_string;',
      '      fastcgi_param REQUEST_METHOD $request_method;',
      '      fastcgi_param CONTENT_TYPE $content_type;',
      '      fastcgi_param CONTENT_LENGTH $content_length;',
      '      fastcgi_param SERVER_NAME $server_name;',
      '      fastcgi_param SERVER_PORT $server_port;',
      '      fastcgi_param SERVER_PROTOCOL $server_protocol;',
      '      fastcgi_param REMOTE_ADDR $remote_addr;',
      '      fastcgi_param HTTPS "";',
      `      fastcgi_pass unix:${socket};`,
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );

  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const launch = (file: string, args: string[]) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (b: Buffer) => logs.push(b.toString()));
    children.push(child);
    return child;
  };
  launch(PHP_FPM, ['--nodaemonize', '--fpm-config', join(dir, 'php-fpm.conf'), ...(root ? ['-R'] : [])]);
  launch(NGINX, ['-e', join(dir, 'nginx-error.log'), '-p', dir, '-c', join(dir, 'nginx.conf')]);

  const url = `http://${address}:${port}/`;
  const rpc = `${url}lib/exe/xmlrpc.php`;
  const call = async (method: string, paramsXml: string, who = READER) => {
    const res = await fetch(rpc, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml',
        authorization: `Basic ${Buffer.from(`${who.user}:${who.password}`).toString('base64')}`,
      },
      body: `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${paramsXml}</params></methodCall>`,
    });
    return res.text();
  };
  const stop = async () => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) {
        const gone = new Promise((ok) => c.once('exit', ok));
        c.kill('SIGTERM'); // by the pid we started, not by name
        await gone;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const lab: DokuwikiLab = {
    url,
    call,
    writePage(id, text, mtime) {
      const f = pageFile(data, id);
      mkdirSync(dirname(f), { recursive: true });
      writeFileSync(f, text);
      if (mtime) utimesSync(f, mtime, mtime);
    },
    async putPage(id, text) {
      const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
      const answer = await call(
        'wiki.putPage',
        `<param><value><string>${esc(id)}</string></value></param><param><value><string>${esc(text)}</string></value></param><param><value><struct><member><name>sum</name><value><string>lab</string></value></member></struct></value></param>`,
        EDITOR,
      );
      if (!/<boolean>1<\/boolean>/.test(answer)) throw new Error(`wiki.putPage ${id}: ${answer}`);
    },
    accessLog: () => {
      try {
        return readFileSync(join(dir, 'access.log'), 'utf8');
      } catch {
        return '';
      }
    },
    stop,
  };
  // Ready when the API answers for the reader (php-fpm and nginx both up, config read).
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    if (children.some((c) => c.exitCode !== null)) break;
    try {
      last = await call('dokuwiki.getVersion', '');
      if (last.includes('<methodResponse>') && !last.includes('<fault>')) return lab;
    } catch (err) {
      last = String(err);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  const why = `${last}\n${logs.join('')}`.slice(-3000);
  await stop();
  throw new Error(`DokuWiki lab did not start: ${why}`);
}
