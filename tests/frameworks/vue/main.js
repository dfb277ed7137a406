// A Vue app as a developer writes one with SmartCP: the consent as a ref, a gated part, the actions.
import { createApp, defineComponent, h, onMounted } from 'vue';
import { ConsentGate, useConsent, useSmartCP } from 'smartcp/vue';

window.__renders = 0;
window.__analyticsMounts = 0;

const Analytics = defineComponent({
  setup() {
    onMounted(() => {
      window.__analyticsMounts += 1;
    });
    return () => h('p', { id: 'analytics' }, 'analytics mounted');
  },
});

const App = defineComponent({
  setup() {
    const consent = useConsent();
    const { rejectAll } = useSmartCP();
    return () => {
      window.__renders += 1;
      const c = consent.value;
      return h('main', null, [
        h('h1', null, 'Shop'),
        h('p', { id: 'status' }, c ? `analytics ${c.categories.analytics}, marketing ${c.categories.marketing}` : 'no choice yet'),
        h(ConsentGate, { category: 'analytics' }, { default: () => h(Analytics), fallback: () => h('p', { id: 'analytics-off' }, 'analytics off') }),
        h('button', { id: 'withdraw', onClick: () => rejectAll() }, 'Withdraw'),
      ]);
    };
  },
});

createApp(App).mount('#app');
