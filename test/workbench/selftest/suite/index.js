// Passing self-test entry: extensionTestsPath for the "exit 0" case.
const path = require('path');
const { runMocha } = require('./mochaRun');
exports.run = () => runMocha([path.join(__dirname, 'passing.test.js')]);
