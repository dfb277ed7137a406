// The shop's own page-view counter: an analytics script, gated by
// <script type="text/plain" data-category="analytics">, so it runs only once analytics is granted.
localStorage.setItem('shop_stats', String(Number(localStorage.getItem('shop_stats') || 0) + 1));
