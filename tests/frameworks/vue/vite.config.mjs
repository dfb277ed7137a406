import smartcp from 'smartcp/vite';

export default {
  logLevel: 'warn',
  plugins: [smartcp({ config: { policyUrl: '/privacy', lang: 'en', reopenButton: 'none' } })],
};
