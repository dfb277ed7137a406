// Stand-in for an advertising pixel added the old way: it writes its _fbp cookie on every page without
// asking anything. The site owner listed _fbp as marketing in SmartCP's catalog, so the guard refuses
// the write until marketing is granted (and deletes the cookie again when it is withdrawn).
(() => {
  document.cookie = `_fbp=fb.1.${Date.now()}.${Math.floor(Math.random() * 1e9)}; Path=/; Max-Age=${90 * 86400}; SameSite=Lax`;
})();
