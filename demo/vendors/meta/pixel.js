// Stand-in for an ad pixel's tag, pasted into the page as its vendor gives it, with no retagging. The
// shop's config lists the pixel's host and path in "hosts" as marketing, so SmartCP holds this script
// until marketing is granted, and runs it once then. When it runs it writes its _fbp cookie (which the
// built-in tracker database knows as Facebook's, marketing) and sends a page view to its collection URL.
(() => {
  const runs = (window.__pixel?.runs ?? 0) + 1;
  window.__pixel = { runs, at: Date.now() };
  document.cookie = `_fbp=fb.1.${Date.now()}.${Math.floor(Math.random() * 1e9)}; Path=/; Max-Age=${90 * 86400}; SameSite=Lax`;
  new Image().src = `/vendors/meta/tr.gif?ev=PageView&t=${Date.now()}`;
  window.dispatchEvent(new Event('demo:pixel'));
})();
