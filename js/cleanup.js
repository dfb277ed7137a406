// Detection and clean-up: what the guard could not intercept (a server's Set-Cookie, another tab, a
// frame's script that ran before its guard) and what consent no longer allows is found by a sweep and
// deleted or redacted at once, following the core's plan.

/**
 * @param {object} o
 * @param {Window & typeof globalThis} o.win
 * @param {any} o.engine the configured core engine (planCleanup)
 * @param {{getCookie(): string, setCookie(s: string): void, keys(kind: string): string[], getItem(kind: string, key: string): string|null,
 *          setItem(kind: string, key: string, value: string): void, removeItem(kind: string, key: string): void}} o.native
 *        storage access that bypasses the guard
 * @param {(item: {name: string, kind: string, category: string, action: 'delete'|'set'}) => void} [o.onCleaned]
 * @param {(error: unknown) => void} [o.onError]
 */
export function createSweeper({ win, engine, native, onCleaned = () => {}, onError = () => {} }) {
  const inventory = () => {
    const cookies = native.getCookie().split(';').map((c) => c.split('=', 1)[0].trim()).filter(Boolean);
    const storage = (kind) => {
      const out = {};
      for (const key of native.keys(kind)) out[key] = native.getItem(kind, key) ?? '';
      return out;
    };
    const { hostname, pathname, protocol } = win.location;
    return { host: hostname, path: pathname, secure: protocol === 'https:', cookies,
      localStorage: storage('localStorage'), sessionStorage: storage('sessionStorage') };
  };

  /** Deletes or redacts everything the current consent does not allow. Returns how many items. */
  const sweep = () => {
    try {
      const plan = JSON.parse(engine.planCleanup(JSON.stringify(inventory())));
      if (!plan.ok) throw new Error(`clean-up plan: ${plan.error}`);
      for (const cookie of plan.cookies) {
        for (const assignment of cookie.assignments) native.setCookie(assignment);
        onCleaned({ name: cookie.name, kind: 'cookie', category: cookie.category, action: 'delete' });
      }
      for (const item of plan.storage) {
        if (item.action === 'set') native.setItem(item.kind, item.key, item.value);
        else native.removeItem(item.kind, item.key);
        onCleaned({ name: item.key, kind: item.kind, category: item.category, action: item.action });
      }
      return plan.cookies.length + plan.storage.length;
    } catch (error) {
      onError(error);
      return 0;
    }
  };

  let watching = false;
  /** Sweeps whenever something may have been written behind the guard's back. */
  const watch = () => {
    if (watching) return;
    watching = true;
    // Another tab, or a same-origin frame: storage events fire in every other document of the origin.
    win.addEventListener('storage', (event) => {
      if (event.key !== null && event.newValue !== null) sweep();
    });
    // A server's Set-Cookie, or a frame's cookie write. Deletions (including the sweep's own) are ignored.
    win.cookieStore?.addEventListener('change', (event) => {
      if (event.changed.length) sweep();
    });
    win.document.addEventListener('visibilitychange', () => {
      if (win.document.visibilityState === 'visible') sweep();
    });
  };

  return { sweep, watch, inventory };
}
