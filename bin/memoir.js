#!/usr/bin/env node
// CommonJS (bin/package.json): the bundle is CommonJS so that V8 can compile it from its code cache
require('../dist/cli.cjs').main();
