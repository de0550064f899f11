module.exports = {
  name: 'audit-plugin',
  factory: () => ({
    hooks: {
      afterAllInstalled() {
        require('fs').writeFileSync('/srv/app/.installed-by', 'audit-plugin\n');
      },
    },
  }),
};
