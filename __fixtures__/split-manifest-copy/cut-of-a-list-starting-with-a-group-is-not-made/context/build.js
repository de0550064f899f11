require('fs').mkdirSync('dist', { recursive: true });
require('fs').writeFileSync('dist/out.txt', 'built\n');
