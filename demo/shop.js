// The demo shop's own code: its texts in English, Polish and Slovak (the widget follows <html lang>), a cart
// kept in localStorage (the site's own key, functional), and, on the single-page-app page, navigation
// by history.pushState. The server makes the other demo pages from this one, marked by <body data-page>.
const TEXTS = {
  en: {
    tagline: 'Freshly roasted coffee, delivered across Czechia, Poland and Slovakia.',
    add: 'Add to cart', cart: 'Cart', items: 'items', settings: 'Cookie settings', policy: 'Privacy policy',
    'p1-name': 'Espresso Brasil', 'p1-text': 'Chocolate, nuts, a long finish.',
    'p2-name': 'Ethiopia Yirgacheffe', 'p2-text': 'Jasmine, lemon, black tea.',
    'p3-name': 'Decaf Colombia', 'p3-text': 'Caramel and red apple, without the caffeine.',
    'intro-title': 'What this demo shows',
    intro: 'A chat (Smartsupp), a session recorder (Smartlook), Google\'s tag and an advertising pixel all try to write cookies and browser storage. SmartCP decides every write: watch the panel while you accept, reject, customise and withdraw.',
    'view-shop': 'Back to the shop', 'view-cart': 'Your cart', 'cart-empty': 'Your cart is empty.',
    preloaded: 'With this page the server set _ga, _fbp, SL_C_23361dd035530_SID and ssupp.visits, before SmartCP could run. Without consent they are gone at once: they are not in the panel.',
    spa: 'A single-page app: the cart and the shop are views changed with history.pushState. The widget, the chat and the live view carry on without a reload.',
    strict: 'This page is served with the strictest CSP: scripts only by a nonce made for each response (no \'self\'), \'wasm-unsafe-eval\', styles from \'self\', Trusted Types required (SmartCP\'s policy is named smartcp). SmartCP and its modules, the vendors and the gated script all run.',
  },
  pl: {
    tagline: 'Świeżo palona kawa z dostawą do Czech, Polski i Słowacji.',
    add: 'Dodaj do koszyka', cart: 'Koszyk', items: 'szt.', settings: 'Ustawienia plików cookie', policy: 'Polityka prywatności',
    'p1-name': 'Espresso Brasil', 'p1-text': 'Czekolada, orzechy, długi finisz.',
    'p2-name': 'Etiopia Yirgacheffe', 'p2-text': 'Jaśmin, cytryna, czarna herbata.',
    'p3-name': 'Kolumbia bezkofeinowa', 'p3-text': 'Karmel i czerwone jabłko, bez kofeiny.',
    'intro-title': 'Co pokazuje to demo',
    intro: 'Czat (Smartsupp), nagrywanie sesji (Smartlook), tag Google i piksel reklamowy próbują zapisywać pliki cookie i pamięć przeglądarki. SmartCP decyduje o każdym zapisie: obserwuj panel, gdy akceptujesz, odrzucasz, wybierasz i wycofujesz zgodę.',
    'view-shop': 'Wróć do sklepu', 'view-cart': 'Twój koszyk', 'cart-empty': 'Koszyk jest pusty.',
    preloaded: 'Razem z tą stroną serwer ustawił _ga, _fbp, SL_C_23361dd035530_SID i ssupp.visits, zanim SmartCP mógł zadziałać. Bez zgody od razu znikają: nie ma ich w panelu.',
    spa: 'Aplikacja jednostronicowa: koszyk i sklep to widoki zmieniane przez history.pushState. Widżet, czat i podgląd działają dalej bez przeładowania.',
    strict: 'Ta strona ma najostrzejszą politykę CSP: skrypty tylko z jednorazowym nonce (bez \'self\'), \'wasm-unsafe-eval\', style z \'self\', wymagane Trusted Types (polityka SmartCP nazywa się smartcp). SmartCP, jego moduły, dostawcy i skrypt warunkowy działają.',
  },
  sk: {
    tagline: 'Čerstvo pražená káva s doručením do Česka, Poľska a na Slovensko.',
    add: 'Pridať do košíka', cart: 'Košík', items: 'ks', settings: 'Nastavenia cookies', policy: 'Zásady ochrany osobných údajov',
    'p1-name': 'Espresso Brasil', 'p1-text': 'Čokoláda, orechy, dlhá dochuť.',
    'p2-name': 'Etiópia Yirgacheffe', 'p2-text': 'Jazmín, citrón, čierny čaj.',
    'p3-name': 'Kolumbia bez kofeínu', 'p3-text': 'Karamel a červené jablko, bez kofeínu.',
    'intro-title': 'Čo ukazuje toto demo',
    intro: 'Chat (Smartsupp), nahrávanie relácií (Smartlook), značka Google a reklamný pixel sa pokúšajú zapisovať cookies a úložisko prehliadača. SmartCP rozhoduje o každom zápise: sledujte panel, keď prijímate, odmietate, vyberáte a odvolávate súhlas.',
    'view-shop': 'Späť do obchodu', 'view-cart': 'Váš košík', 'cart-empty': 'Váš košík je prázdny.',
    preloaded: 'Spolu s touto stránkou server nastavil _ga, _fbp, SL_C_23361dd035530_SID a ssupp.visits skôr, než SmartCP mohol zasiahnuť. Bez súhlasu hneď zmiznú: v paneli nie sú.',
    spa: 'Jednostránková aplikácia: košík a obchod sú pohľady menené cez history.pushState. Widget, chat a živý pohľad pokračujú bez znovunačítania.',
    strict: 'Táto stránka má najprísnejšiu politiku CSP: skripty len s jednorazovým nonce (bez \'self\'), \'wasm-unsafe-eval\', štýly zo \'self\', povinné Trusted Types (politika SmartCP sa volá smartcp). SmartCP, jeho moduly, dodávatelia aj podmienený skript bežia.',
  },
};

const lang = () => (Object.hasOwn(TEXTS, document.documentElement.lang) ? document.documentElement.lang : 'en');
const cart = () => JSON.parse(localStorage.getItem('cart') || '[]');

const page = () => document.body.dataset.page ?? 'shop';

function translate() {
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = TEXTS[lang()][el.dataset.text];
  const notice = document.querySelector('#notice');
  notice.hidden = !TEXTS.en[page()];
  notice.textContent = TEXTS[lang()][page()] ?? '';
  for (const button of document.querySelectorAll('[data-lang]')) button.setAttribute('aria-pressed', String(button.dataset.lang === lang()));
  document.querySelector('#cart-count').textContent = `${cart().length} ${TEXTS[lang()].items}`;
}

function show(view) {
  for (const section of document.querySelectorAll('[data-view]')) section.hidden = section.dataset.view !== view;
  const list = document.querySelector('#cart-list');
  if (list) {
    list.replaceChildren(...cart().map((item) => Object.assign(document.createElement('li'), { textContent: TEXTS[lang()][`${item}-name`] })));
    document.querySelector('#cart-empty').hidden = cart().length > 0;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const saved = localStorage.getItem('shop_lang');
  if (Object.hasOwn(TEXTS, saved ?? '')) document.documentElement.lang = saved;
  document.addEventListener('click', (event) => {
    const language = event.target.closest('[data-lang]');
    if (language) {
      document.documentElement.lang = language.dataset.lang;
      localStorage.setItem('shop_lang', language.dataset.lang);
      translate();
    }
    const add = event.target.closest('[data-add]');
    if (add) {
      localStorage.setItem('cart', JSON.stringify([...cart(), add.dataset.add]));
      translate();
    }
    const route = event.target.closest('a[data-route]');
    if (route && page() === 'spa') {
      event.preventDefault();
      history.pushState({ view: route.dataset.route }, '', route.href);
      show(route.dataset.route);
    }
  });
  window.addEventListener('popstate', (event) => show(event.state?.view ?? 'shop'));
  for (const link of document.querySelectorAll('.pages a')) {
    if (new URL(link.href).pathname === (location.pathname === '/index.html' ? '/' : location.pathname)) link.setAttribute('aria-current', 'page');
  }
  translate();
  show(history.state?.view ?? new URLSearchParams(location.search).get('view') ?? 'shop');
});
