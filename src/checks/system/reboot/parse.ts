/** Debian version ordering (deb-version(7)): epoch, upstream, revision; `~` sorts before everything. */
export function compareDebianVersions(a: string, b: string): number {
  const [ea, ua, ra] = split(a);
  const [eb, ub, rb] = split(b);
  return Math.sign(ea - eb) || comparePart(ua, ub) || comparePart(ra, rb);
}

function split(v: string): [number, string, string] {
  const colon = v.indexOf(':');
  const epoch = colon > 0 && /^\d+$/.test(v.slice(0, colon)) ? Number(v.slice(0, colon)) : 0;
  const rest = colon > 0 ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? [epoch, rest.slice(0, dash), rest.slice(dash + 1)] : [epoch, rest, ''];
}

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function comparePart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // non-digit run, compared with dpkg's character order
    while ((i < a.length && !/\d/.test(a[i] ?? '')) || (j < b.length && !/\d/.test(b[j] ?? ''))) {
      const ca = i < a.length && !/\d/.test(a[i] ?? '') ? a[i] : undefined;
      const cb = j < b.length && !/\d/.test(b[j] ?? '') ? b[j] : undefined;
      const d = order(ca) - order(cb);
      if (d !== 0) return Math.sign(d);
      i++;
      j++;
    }
    let na = '';
    let nb = '';
    while (i < a.length && /\d/.test(a[i] ?? '')) na += a[i++];
    while (j < b.length && /\d/.test(b[j] ?? '')) nb += b[j++];
    const d = compareDigits(na, nb);
    if (d !== 0) return d;
  }
  return 0;
}

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  return Math.sign(x.length - y.length) || (x < y ? -1 : x > y ? 1 : 0);
}

/** `6.1.0-18-amd64` → version `6.1.0-18`, flavour `amd64`; only kernels of one flavour are comparable. */
export function splitKernelRelease(release: string): { version: string; flavour: string } {
  const m = /^(\d[\d.]*(?:-\d[\d.]*)*)(?:[-+](.*))?$/.exec(release.trim());
  return m ? { version: m[1] ?? '', flavour: m[2] ?? '' } : { version: '', flavour: release.trim() };
}

/** `find /boot -maxdepth 1 -name 'vmlinuz-*' -printf '%f\n'` → kernel releases. */
export function parseVmlinuz(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => /^vmlinuz-(\S+)$/.exec(l.trim())?.[1])
    .filter((r): r is string => r !== undefined && !r.endsWith('.old') && !r.endsWith('.dpkg-tmp'));
}

/** Newest installed kernel of the running kernel's flavour, or null when none of that flavour is installed. */
export function newestKernel(running: string, installed: readonly string[]): string | null {
  const { flavour } = splitKernelRelease(running);
  const same = installed.filter(
    (r) => splitKernelRelease(r).flavour === flavour && splitKernelRelease(r).version,
  );
  if (same.length === 0) return null;
  return same.reduce((a, b) =>
    compareDebianVersions(splitKernelRelease(b).version, splitKernelRelease(a).version) > 0 ? b : a,
  );
}

/** `/run/reboot-required.pkgs`: one source package per line, often repeated. */
export function parseRebootPkgs(stdout: string): string[] {
  return [
    ...new Set(
      stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^[a-z0-9][a-z0-9+.:-]*$/.test(l)),
    ),
  ];
}

export const OSRELEASE = '/proc/sys/kernel/osrelease';
export const REBOOT_PKGS = '/run/reboot-required.pkgs';

/**
 * `find -H /run /boot -maxdepth 1 ( -path /run/reboot-required -printf 'flag %T@\n'
 * -o -path '/boot/vmlinuz-*' -printf 'image %f\n' )`: the flag's mtime, the kernel images.
 */
export function parseRebootFind(stdout: string): { flagSince: number | null; images: string } {
  let flagSince: number | null = null;
  const images: string[] = [];
  for (const line of stdout.split('\n')) {
    const flag = /^flag (\d+(?:\.\d+)?)$/.exec(line.trim());
    if (flag) flagSince = Number(flag[1]);
    else if (line.startsWith('image ')) images.push(line.slice(6));
  }
  return { flagSince, images: images.join('\n') };
}

/**
 * `head -c 65536 /proc/sys/kernel/osrelease /run/reboot-required.pkgs`: with two
 * files, head heads each with `==> NAME <==`. The kernel's release comes first
 * (it cannot hold such a line); whatever follows the second heading is the list.
 */
export function parseRebootHead(stdout: string): { running: string | null; pkgs: string | null } {
  const first = `==> ${OSRELEASE} <==\n`;
  const second = `==> ${REBOOT_PKGS} <==\n`;
  const at = stdout.startsWith(first) ? first.length : -1;
  const pkgsAt = stdout.indexOf(`\n${second}`, Math.max(at, 0));
  const release = at < 0 ? '' : stdout.slice(at, pkgsAt < 0 ? undefined : pkgsAt).trim();
  return {
    running: /^\S+$/.test(release) ? release : null,
    pkgs: pkgsAt < 0 ? null : stdout.slice(pkgsAt + 1 + second.length),
  };
}
