// A choice or withdrawal in one tab reaches every open tab of the site: at once through a
// BroadcastChannel, and, where that is missing, through cookieStore's change event or a check when
// the tab is shown again. The consent cookie stays the one source of truth: a message only says
// "read it again".
const CHANNEL = 'smartcp';

/**
 * @param {Window & typeof globalThis} win
 * @param {string} cookieName
 * @param {() => void} reread called when another tab may have changed the choice
 */
export function syncTabs(win, cookieName, reread) {
  let channel = null;
  try {
    channel = new win.BroadcastChannel(CHANNEL);
    channel.onmessage = reread;
  } catch {
    // no BroadcastChannel (or it is blocked): the events below still catch the change
  }
  win.cookieStore?.addEventListener('change', (event) => {
    if ([...event.changed, ...event.deleted].some((c) => c.name === cookieName)) reread();
  });
  win.document.addEventListener('visibilitychange', () => {
    if (win.document.visibilityState === 'visible') reread();
  });
  return {
    /** Tells the other tabs that this one changed the choice. */
    announce() {
      try {
        channel?.postMessage('consent');
      } catch {
        // a closed channel: the cookie events still reach the other tabs
      }
    },
  };
}
